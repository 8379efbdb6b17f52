// rollcall administration (outside Recall's surface): a workspace's webhook endpoints, their signing secrets and
// the messages delivered to them. See docs/webhooks.md.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { keyset } from '../../db/keyset.js';
import { listEndpointMessages, type EndpointMessageRow } from '../../db/webhook-deliveries.js';
import { deleteEndpoint, listEndpoints, updateEndpoint, type WebhookEndpointRow } from '../../db/webhook-endpoints.js';
import { notFound, validationError } from '../../errors.js';
import { checkEndpointInput, createEndpoint, MAX_DESCRIPTION_LENGTH, recoverEndpoint, requireEndpoint, rotateSecret, type EndpointInput } from '../../webhooks/endpoints.js';
import { EVENT_TYPES } from '../../webhooks/event-types.js';
import { MAX_URL_LENGTH } from '../../webhooks/urls.js';
import { restDate, parseQueryDate } from '../format.js';
import { cursorPage, pageSize, requestCursor } from '../pagination.js';
import { CursorPageOf, IdParams, Nullable, QueryDate } from '../schemas.js';
import { authOf } from '../types.js';
import { EndpointSecret, renderSecret } from './webhook-secret-view.js';

const BotPayloadFormat = Type.Union([Type.Literal('current'), Type.Literal('legacy')]);

const Endpoint = Type.Object({
  id: Type.String(),
  url: Type.String(),
  description: Type.String(),
  event_types: Type.Array(Type.String()),
  bot_payload_format: BotPayloadFormat,
  disabled: Type.Boolean(),
  disabled_reason: Nullable(Type.String()),
  failing_since: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

// Event types are checked in the handler so unknown ones get a per-item message, and the schema stays small.
const Url = Type.String({ minLength: 1, maxLength: MAX_URL_LENGTH });
const OptionalFields = {
  description: Type.Optional(Type.String({ maxLength: MAX_DESCRIPTION_LENGTH })),
  event_types: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: EVENT_TYPES.length })),
  disabled: Type.Optional(Type.Boolean()),
  bot_payload_format: Type.Optional(BotPayloadFormat),
};

const EndpointMessage = Type.Object({
  message_id: Type.String(),
  event: Type.String(),
  payload: Type.Unknown(),
  message_created_at: Type.String(),
  delivery_id: Type.String(),
  status: Type.String(),
  attempt_count: Type.Integer(),
  next_attempt_at: Nullable(Type.String()),
  last_attempt_at: Nullable(Type.String()),
  last_error: Nullable(Type.String()),
});

export function renderEndpoint(row: WebhookEndpointRow) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    event_types: row.event_types,
    bot_payload_format: row.bot_payload_format,
    disabled: row.disabled,
    disabled_reason: row.disabled_reason,
    failing_since: restDate(row.failing_since),
    created_at: restDate(row.created_at)!,
    updated_at: restDate(row.updated_at)!,
  };
}

function renderEndpointMessage(row: EndpointMessageRow) {
  return {
    message_id: row.message_id,
    event: row.event,
    payload: JSON.parse(row.body) as unknown,
    message_created_at: restDate(row.message_created_at)!,
    delivery_id: row.id,
    status: row.status,
    attempt_count: row.attempts,
    next_attempt_at: row.status === 'pending' ? restDate(row.next_attempt_at) : null,
    last_attempt_at: restDate(row.last_attempt_at),
    last_error: row.last_error,
  };
}

export async function webhookEndpointRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const tags = ['Webhook endpoints (rollcall)'];
  const rateLimit = { bucket: 'webhook_endpoints', limit: 300 };
  const PageQuery = { cursor: Type.Optional(Type.String()), page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) };

  app.get('/api/v2/webhook-endpoints/', {
    config: { rateLimit },
    schema: { tags, summary: "List the workspace's webhook endpoints", querystring: Type.Object(PageQuery), response: { 200: CursorPageOf(Endpoint) } },
  }, async (req) => {
    const query = req.query as Record<string, unknown>;
    const cursor = requestCursor(query);
    const limit = pageSize(query);
    const rows = await listEndpoints(deps.pool, authOf(req).workspaceId, cursor, limit + 1);
    return cursorPage(req, deps.config, rows, { limit, cursor, key: (r) => [r.created_at.toISOString(), r.id], render: renderEndpoint });
  });

  app.post('/api/v2/webhook-endpoints/', {
    config: { rateLimit },
    schema: {
      tags,
      summary: 'Create a webhook endpoint (its signing secret is in the response)',
      body: Type.Object({ url: Url, ...OptionalFields }),
      response: { 201: Type.Intersect([Endpoint, Type.Object({ secret: Type.String() })]) },
    },
  }, async (req, reply) => {
    const body = req.body as EndpointInput & { url: string };
    const { row, secret } = await createEndpoint(deps, authOf(req).workspaceId, body);
    return reply.status(201).send({ ...renderEndpoint(row), secret });
  });

  app.get('/api/v2/webhook-endpoints/:id/', {
    config: { rateLimit },
    schema: { tags, summary: 'Retrieve a webhook endpoint', params: IdParams, response: { 200: Endpoint } },
  }, async (req) => renderEndpoint(await requireEndpoint(deps.pool, authOf(req).workspaceId, (req.params as { id: string }).id)));

  app.patch('/api/v2/webhook-endpoints/:id/', {
    config: { rateLimit },
    schema: {
      tags,
      summary: 'Update a webhook endpoint (partial); `disabled: false` re-enables it and resets its failure window',
      params: IdParams,
      body: Type.Object({ url: Type.Optional(Url), ...OptionalFields }),
      response: { 200: Endpoint },
    },
  }, async (req) => {
    const body = req.body as EndpointInput;
    checkEndpointInput(body);
    const row = await updateEndpoint(deps.pool, authOf(req).workspaceId, (req.params as { id: string }).id, {
      url: body.url,
      description: body.description,
      eventTypes: body.event_types ? [...new Set(body.event_types)] : undefined,
      botPayloadFormat: body.bot_payload_format,
      disabled: body.disabled,
    });
    if (!row) throw notFound();
    return renderEndpoint(row);
  });

  app.delete('/api/v2/webhook-endpoints/:id/', {
    config: { rateLimit },
    schema: { tags, summary: 'Delete a webhook endpoint (its pending deliveries are dropped)', params: IdParams },
  }, async (req, reply) => {
    if (!(await deleteEndpoint(deps.pool, authOf(req).workspaceId, (req.params as { id: string }).id))) throw notFound();
    return reply.status(204).send();
  });

  app.get('/api/v2/webhook-endpoints/:id/secret/', {
    config: { rateLimit },
    schema: { tags, summary: "Retrieve an endpoint's signing secret (and the previous one while a rotation overlaps)", params: IdParams, response: { 200: EndpointSecret } },
  }, async (req) => renderSecret(deps, await requireEndpoint(deps.pool, authOf(req).workspaceId, (req.params as { id: string }).id)));

  app.post('/api/v2/webhook-endpoints/:id/secret/rotate/', {
    config: { rateLimit },
    schema: { tags, summary: "Rotate an endpoint's signing secret; the old one keeps signing for WEBHOOK_SECRET_ROTATION_OVERLAP_SECONDS", params: IdParams, response: { 200: EndpointSecret } },
  }, async (req) => renderSecret(deps, await rotateSecret(deps, authOf(req).workspaceId, (req.params as { id: string }).id)));

  app.get('/api/v2/webhook-endpoints/:id/messages/', {
    config: { rateLimit },
    schema: {
      tags,
      summary: 'List the messages sent to an endpoint with their delivery state, newest first',
      params: IdParams,
      querystring: Type.Object({ ...PageQuery, status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')])) }),
      response: { 200: CursorPageOf(EndpointMessage) },
    },
  }, async (req) => {
    const query = req.query as Record<string, unknown> & { status?: string };
    const endpoint = await requireEndpoint(deps.pool, authOf(req).workspaceId, (req.params as { id: string }).id);
    const cursor = requestCursor(query);
    const limit = pageSize(query);
    const ks = keyset(cursor, [{ expr: 'm.created_at', type: 'timestamptz', desc: true }, { expr: 'd.id', type: 'uuid', desc: true }], 4);
    const rows = await listEndpointMessages(deps.pool, endpoint.id, { status: query.status ?? null }, ks, limit + 1);
    return cursorPage(req, deps.config, rows, { limit, cursor, key: (r) => [r.message_created_at.toISOString(), r.id], render: renderEndpointMessage });
  });

  app.post('/api/v2/webhook-endpoints/:id/recover/', {
    config: { rateLimit },
    schema: {
      tags,
      summary: 'Send again every failed message of this endpoint created since a time',
      params: IdParams,
      body: Type.Object({ since: QueryDate }),
      response: { 202: Type.Object({ recovered: Type.Integer() }) },
    },
  }, async (req, reply) => {
    const since = parseQueryDate((req.body as { since: string }).since);
    if (!since) throw validationError({ since: ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'] });
    const recovered = await recoverEndpoint(deps, authOf(req).workspaceId, (req.params as { id: string }).id, since);
    return reply.status(202).send({ recovered });
  });
}

