// Liveness, readiness and Prometheus metrics.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { schemaStatus } from '../../db/migrate.js';

export async function healthRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const hide = { hide: true };
  app.get('/healthz', { config: { auth: 'none' }, schema: hide }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { auth: 'none' }, schema: hide }, async (_req, reply) => {
    try {
      const { applied, latest } = await schemaStatus(deps.pool);
      if (applied !== latest) {
        return reply.status(503).header('Retry-After', '5').send({ status: 'migrations_pending', applied, latest });
      }
      return { status: 'ready', schema_version: applied };
    } catch {
      return reply.status(503).header('Retry-After', '5').send({ status: 'database_unreachable' });
    }
  });

  app.get('/metrics', { config: { auth: 'none' }, schema: hide }, async (_req, reply) => {
    reply.header('Content-Type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
