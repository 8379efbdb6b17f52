// Request ids (`X-Request-Id`, echoed when the client sends a sane one) and HTTP metrics.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';

export function requestIdFor(header: string | string[] | undefined): string {
  const v = Array.isArray(header) ? header[0] : header;
  return v && /^[\w.:-]{1,128}$/.test(v) ? v : randomUUID();
}

export function registerObservability(app: FastifyInstance, deps: Deps): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.header('X-Request-Id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    deps.metrics.httpRequests.labels(req.method, route, String(reply.statusCode)).observe(reply.elapsedTime / 1000);
  });
}
