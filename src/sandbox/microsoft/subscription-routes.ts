// HTTP surface of Graph subscriptions: POST/GET/PATCH/DELETE /v1.0/subscriptions[/{id}] and reauthorize.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { originOf, type Ctx } from './context.js';
import { sendGraphError } from './errors.js';
import { parsePrefer } from './prefer.js';
import { CALENDAR_SCOPES, hasAnyScope } from './scopes.js';
import type { SubResult } from './subscriptions.js';

function send(reply: FastifyReply, r: SubResult): FastifyReply {
  if (r.error) return sendGraphError(reply, r.status, r.error.code, r.error.message);
  if (r.status === 204) return reply.code(204).send();
  return reply.code(r.status).send(r.body);
}

function body(req: FastifyRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}

export function registerSubscriptionRoutes(app: FastifyInstance, ctx: Ctx): void {
  const subs = ctx.subscriptions;

  app.post('/v1.0/subscriptions', async (req, reply) => {
    if (!hasAnyScope(req.msToken!.scopes, CALENDAR_SCOPES)) return sendGraphError(reply, 403, 'ExtensionError', 'Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied. Check credentials and try again.]');
    const immutable = parsePrefer(req.headers.prefer).flavour === 'immutable';
    return send(reply, await subs.create(req.msToken!, body(req), immutable, originOf(req)));
  });

  app.get('/v1.0/subscriptions', async (req) => ({
    '@odata.context': `${originOf(req)}/v1.0/$metadata#subscriptions`,
    value: subs.live().filter((s) => s.clientId === req.msToken!.clientId).map((s) => subs.view(s)),
  }));

  app.get<{ Params: { id: string } }>('/v1.0/subscriptions/:id', async (req, reply) => send(reply, subs.get(req.params.id, req.msToken!, originOf(req))));

  app.patch<{ Params: { id: string } }>('/v1.0/subscriptions/:id', async (req, reply) => send(reply, subs.renew(req.params.id, req.msToken!, body(req), originOf(req))));

  app.delete<{ Params: { id: string } }>('/v1.0/subscriptions/:id', async (req, reply) => send(reply, subs.remove(req.params.id, req.msToken!)));

  app.post<{ Params: { id: string } }>('/v1.0/subscriptions/:id/reauthorize', async (req, reply) => send(reply, subs.reauthorize(req.params.id, req.msToken!)));
}
