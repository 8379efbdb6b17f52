// rollcall administration (outside Recall's surface): a workspace's API keys. Keys are shown once, on create.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { listApiKeys, revokeApiKey, type ApiKeyRow } from '../../db/api-keys.js';
import { notFound } from '../../errors.js';
import { createApiKey } from '../../workspaces/api-keys.js';
import { restDate } from '../format.js';
import { cursorPage, pageSize, requestCursor } from '../pagination.js';
import { CursorPageOf, IdParams, Nullable } from '../schemas.js';
import { authOf } from '../types.js';

const ApiKey = Type.Object({
  id: Type.String(),
  prefix: Type.String(),
  description: Type.String(),
  created_at: Type.String(),
  last_used_at: Nullable(Type.String()),
  revoked_at: Nullable(Type.String()),
});

function render(row: ApiKeyRow) {
  return {
    id: row.id,
    prefix: row.prefix,
    description: row.description,
    created_at: restDate(row.created_at)!,
    last_used_at: restDate(row.last_used_at),
    revoked_at: restDate(row.revoked_at),
  };
}

export async function apiKeyRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const tags = ['API keys (rollcall)'];
  const rateLimit = { bucket: 'api_keys', limit: 60 };

  app.get('/api/v2/api-keys/', {
    config: { rateLimit },
    schema: { tags, summary: "List the workspace's API keys", querystring: Type.Object({ cursor: Type.Optional(Type.String()), page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }), response: { 200: CursorPageOf(ApiKey) } },
  }, async (req) => {
    const query = req.query as Record<string, unknown>;
    const cursor = requestCursor(query);
    const limit = pageSize(query);
    const rows = await listApiKeys(deps.pool, authOf(req).workspaceId, cursor, limit + 1);
    return cursorPage(req, deps.config, rows, { limit, cursor, key: (r) => [r.created_at.toISOString(), r.id], render });
  });

  app.post('/api/v2/api-keys/', {
    config: { rateLimit },
    schema: { tags, summary: 'Create an API key (the key is returned once)', body: Type.Object({ description: Type.Optional(Type.String({ maxLength: 200 })) }), response: { 201: Type.Intersect([ApiKey, Type.Object({ key: Type.String() })]) } },
  }, async (req, reply) => {
    const body = req.body as { description?: string };
    const { key, row } = await createApiKey(deps.pool, authOf(req).workspaceId, body.description ?? '');
    return reply.status(201).send({ ...render(row), key });
  });

  app.delete('/api/v2/api-keys/:id/', {
    config: { rateLimit },
    schema: { tags, summary: 'Revoke an API key', params: IdParams },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!(await revokeApiKey(deps.pool, id.toLowerCase(), authOf(req).workspaceId))) throw notFound();
    return reply.status(204).send();
  });
}
