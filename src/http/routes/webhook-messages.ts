// rollcall administration: the workspace's webhook messages with every delivery and attempt, replay, and the
// workspace signing secret (used for calendars' own webhook_url). See docs/webhooks.md.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { withTransaction } from '../../db/pool.js';
import { keyset } from '../../db/keyset.js';
import { attemptsOfDeliveries, type WebhookAttemptRow } from '../../db/webhook-attempts.js';
import { deliveriesOfMessage, type WebhookDeliveryRow } from '../../db/webhook-deliveries.js';
import { getMessage, listMessages, type WebhookMessageRow } from '../../db/webhook-messages.js';
import { notFound } from '../../errors.js';
import { replayMessage } from '../../webhooks/endpoints.js';
import { isMessageId } from '../../webhooks/message-id.js';
import { rotateWorkspaceSigningSecret, workspaceSecretRow } from '../../webhooks/secrets.js';
import { restDate } from '../format.js';
import { cursorPage, pageSize, requestCursor } from '../pagination.js';
import { CursorPageOf, Nullable, Uuid } from '../schemas.js';
import { authOf } from '../types.js';
import { EndpointSecret, renderSecret } from './webhook-secret-view.js';

const Message = Type.Object({
  id: Type.String(),
  event: Type.String(),
  payload: Type.Unknown(),
  calendar_id: Nullable(Type.String()),
  created_at: Type.String(),
});

const Attempt = Type.Object({
  attempt: Type.Integer(),
  status: Type.String(),
  started_at: Type.String(),
  duration_ms: Type.Integer(),
  response_status: Nullable(Type.Integer()),
  response_body: Nullable(Type.String()),
  error: Nullable(Type.String()),
});

const Delivery = Type.Object({
  id: Type.String(),
  endpoint_id: Nullable(Type.String()),
  url: Type.String(),
  status: Type.String(),
  attempt_count: Type.Integer(),
  next_attempt_at: Nullable(Type.String()),
  last_attempt_at: Nullable(Type.String()),
  last_error: Nullable(Type.String()),
  attempts: Type.Array(Attempt),
});

const MessageDetail = Type.Intersect([Message, Type.Object({ deliveries: Type.Array(Delivery) })]);
const MessageParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

function renderMessage(row: WebhookMessageRow) {
  return { id: row.id, event: row.event, payload: JSON.parse(row.body) as unknown, calendar_id: row.calendar_id, created_at: restDate(row.created_at)! };
}

function renderAttempt(a: WebhookAttemptRow) {
  return {
    attempt: a.attempt,
    status: a.status,
    started_at: restDate(a.started_at)!,
    duration_ms: a.duration_ms,
    response_status: a.response_status,
    response_body: a.response_body,
    error: a.error,
  };
}

function renderDelivery(d: WebhookDeliveryRow, attempts: WebhookAttemptRow[]) {
  return {
    id: d.id,
    endpoint_id: d.endpoint_id,
    url: d.url,
    status: d.status,
    attempt_count: d.attempts,
    next_attempt_at: d.status === 'pending' ? restDate(d.next_attempt_at) : null,
    last_attempt_at: restDate(d.last_attempt_at),
    last_error: d.last_error,
    attempts: attempts.filter((a) => a.delivery_id === d.id).map(renderAttempt),
  };
}

export async function webhookMessageRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const tags = ['Webhook messages (rollcall)'];
  const rateLimit = { bucket: 'webhook_messages', limit: 300 };

  app.get('/api/v2/webhook-messages/', {
    config: { rateLimit },
    schema: {
      tags,
      summary: "List the workspace's webhook messages, newest first",
      querystring: Type.Object({ cursor: Type.Optional(Type.String()), page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), event: Type.Optional(Type.String({ maxLength: 100 })) }),
      response: { 200: CursorPageOf(Message) },
    },
  }, async (req) => {
    const query = req.query as Record<string, unknown> & { event?: string };
    const cursor = requestCursor(query);
    const limit = pageSize(query);
    const ks = keyset(cursor, [{ expr: 'created_at', type: 'timestamptz', desc: true }, { expr: 'id', type: 'text', desc: true }], 4);
    const rows = await listMessages(deps.pool, authOf(req).workspaceId, query.event ?? null, ks, limit + 1);
    return cursorPage(req, deps.config, rows, { limit, cursor, key: (r) => [r.created_at.toISOString(), r.id], render: renderMessage });
  });

  app.get('/api/v2/webhook-messages/:id/', {
    config: { rateLimit },
    schema: { tags, summary: 'Retrieve a webhook message with its deliveries and every attempt', params: MessageParams, response: { 200: MessageDetail } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const message = isMessageId(id) ? await getMessage(deps.pool, authOf(req).workspaceId, id) : null;
    if (!message) throw notFound();
    const deliveries = await deliveriesOfMessage(deps.pool, message.id);
    const attempts = await attemptsOfDeliveries(deps.pool, deliveries.map((d) => d.id));
    return { ...renderMessage(message), deliveries: deliveries.map((d) => renderDelivery(d, attempts)) };
  });

  app.post('/api/v2/webhook-messages/:id/replay/', {
    config: { rateLimit },
    schema: {
      tags,
      summary: 'Send a message again, with the same webhook-id, to all its destinations or to one endpoint',
      params: MessageParams,
      body: Type.Optional(Type.Object({ endpoint_id: Type.Optional(Uuid) })),
      response: { 202: Type.Object({ replayed: Type.Integer() }) },
    },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const body = (req.body ?? {}) as { endpoint_id?: string };
    const replayed = await replayMessage(deps, authOf(req).workspaceId, id, body.endpoint_id ?? null);
    return reply.status(202).send({ replayed });
  });

  app.get('/api/v2/webhook-secret/', {
    config: { rateLimit },
    schema: { tags, summary: "Retrieve the workspace signing secret (signs deliveries to calendars' webhook_url); created on first use", response: { 200: EndpointSecret } },
  }, async (req) => renderSecret(deps, await workspaceSecretRow(deps, deps.pool, authOf(req).workspaceId)));

  app.post('/api/v2/webhook-secret/rotate/', {
    config: { rateLimit },
    schema: { tags, summary: 'Rotate the workspace signing secret; the old one keeps signing for WEBHOOK_SECRET_ROTATION_OVERLAP_SECONDS', response: { 200: EndpointSecret } },
  }, async (req) => renderSecret(deps, await withTransaction(deps.pool, (tx) => rotateWorkspaceSigningSecret(deps, tx, authOf(req).workspaceId))));
}
