// webhook_deliveries: one row per (message, destination) carrying that delivery's retry clock. next_attempt_at is
// both "when the next attempt is due" and, while an attempt is running, the end of its lease.
import type { Queryable } from './pool.js';

export interface WebhookDeliveryRow {
  id: string;
  message_id: string;
  workspace_id: string;
  endpoint_id: string | null;
  url: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Fans a message out to the workspace's enabled endpoints whose filter matches; returns the new deliveries. */
export async function insertEndpointDeliveries(db: Queryable, messageId: string, workspaceId: string, event: string): Promise<WebhookDeliveryRow[]> {
  const { rows } = await db.query<WebhookDeliveryRow>(
    `INSERT INTO webhook_deliveries (message_id, workspace_id, endpoint_id, url)
     SELECT $1, e.workspace_id, e.id, e.url FROM webhook_endpoints e
      WHERE e.workspace_id = $2 AND NOT e.disabled AND (cardinality(e.event_types) = 0 OR $3 = ANY (e.event_types))
      ORDER BY e.created_at, e.id
     RETURNING *`,
    [messageId, workspaceId, event],
  );
  return rows;
}

/** A delivery to a calendar's own webhook_url (no endpoint row; signed with the workspace secret). */
export async function insertUrlDelivery(db: Queryable, messageId: string, workspaceId: string, url: string): Promise<WebhookDeliveryRow> {
  const { rows } = await db.query<WebhookDeliveryRow>(
    `INSERT INTO webhook_deliveries (message_id, workspace_id, endpoint_id, url) VALUES ($1, $2, NULL, $3) RETURNING *`,
    [messageId, workspaceId, url],
  );
  return rows[0];
}

export async function getDelivery(db: Queryable, id: string): Promise<WebhookDeliveryRow | null> {
  const { rows } = await db.query<WebhookDeliveryRow>(`SELECT * FROM webhook_deliveries WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/**
 * Claims a due delivery for one attempt: counts the attempt and moves next_attempt_at to the end of the lease, so
 * if this process dies mid-attempt the backstop job retries it after the lease. Null when not due or not pending.
 */
export async function claimDelivery(db: Queryable, id: string, leaseMs: number): Promise<WebhookDeliveryRow | null> {
  const { rows } = await db.query<WebhookDeliveryRow>(
    `UPDATE webhook_deliveries
        SET attempts = attempts + 1, last_attempt_at = now(), next_attempt_at = now() + $2 * interval '1 millisecond',
            updated_at = date_trunc('milliseconds', now())
      WHERE id = $1 AND status = 'pending' AND next_attempt_at <= now() + interval '250 milliseconds'
      RETURNING *`,
    [id, leaseMs],
  );
  return rows[0] ?? null;
}

export async function markSucceeded(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE webhook_deliveries SET status = 'succeeded', last_error = NULL, updated_at = date_trunc('milliseconds', now()) WHERE id = $1`,
    [id],
  );
}

/** Schedules the next attempt delayMs from now (database clock); returns when it is due. */
export async function scheduleRetry(db: Queryable, id: string, delayMs: number, error: string): Promise<Date> {
  const { rows } = await db.query<{ next_attempt_at: Date }>(
    `UPDATE webhook_deliveries SET next_attempt_at = now() + $2 * interval '1 millisecond', last_error = $3,
            updated_at = date_trunc('milliseconds', now())
      WHERE id = $1 RETURNING next_attempt_at`,
    [id, delayMs, error],
  );
  return rows[0].next_attempt_at;
}

export async function markFailed(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(
    `UPDATE webhook_deliveries SET status = 'failed', last_error = $2, updated_at = date_trunc('milliseconds', now()) WHERE id = $1`,
    [id, error],
  );
}

/** Puts a delivery back to pending with a fresh attempt budget, due now (replay / recover). */
export async function resetDelivery(db: Queryable, id: string): Promise<WebhookDeliveryRow> {
  const { rows } = await db.query<WebhookDeliveryRow>(
    `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL,
            updated_at = date_trunc('milliseconds', now())
      WHERE id = $1 RETURNING *`,
    [id],
  );
  return rows[0];
}

/** Failed deliveries of an endpoint whose message was created at or after `since`. */
export async function failedDeliveriesSince(db: Queryable, endpointId: string, since: Date): Promise<WebhookDeliveryRow[]> {
  const { rows } = await db.query<WebhookDeliveryRow>(
    `SELECT d.* FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
      WHERE d.endpoint_id = $1 AND d.status = 'failed' AND m.created_at >= $2
      ORDER BY m.created_at, m.id`,
    [endpointId, since],
  );
  return rows;
}

export async function pendingDeliveryCount(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`);
  return rows[0].n;
}

export interface EndpointMessageRow extends WebhookDeliveryRow {
  event: string;
  body: string;
  message_created_at: Date;
}

/** An endpoint's deliveries with their messages, newest message first. */
export async function listEndpointMessages(
  db: Queryable,
  endpointId: string,
  filter: { status: string | null },
  ks: { where: string; orderBy: string; values: unknown[] },
  limit: number,
): Promise<EndpointMessageRow[]> {
  const { rows } = await db.query<EndpointMessageRow>(
    `SELECT d.*, m.event, m.body, m.created_at AS message_created_at
       FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
      WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2) AND ${ks.where}
      ORDER BY ${ks.orderBy} LIMIT $3`,
    [endpointId, filter.status, limit, ...ks.values],
  );
  return rows;
}

export async function deliveriesOfMessage(db: Queryable, messageId: string): Promise<WebhookDeliveryRow[]> {
  const { rows } = await db.query<WebhookDeliveryRow>(`SELECT * FROM webhook_deliveries WHERE message_id = $1 ORDER BY created_at, id`, [messageId]);
  return rows;
}

/** A delivery of a message to an endpoint, created if the message never went there (replay to a newer endpoint). */
export async function ensureEndpointDelivery(db: Queryable, messageId: string, workspaceId: string, endpointId: string, url: string): Promise<WebhookDeliveryRow> {
  await db.query(
    `INSERT INTO webhook_deliveries (message_id, workspace_id, endpoint_id, url) VALUES ($1, $2, $3, $4)
     ON CONFLICT (message_id, endpoint_id) WHERE endpoint_id IS NOT NULL DO NOTHING`,
    [messageId, workspaceId, endpointId, url],
  );
  const { rows } = await db.query<WebhookDeliveryRow>(`SELECT * FROM webhook_deliveries WHERE message_id = $1 AND endpoint_id = $2`, [messageId, endpointId]);
  return rows[0];
}
