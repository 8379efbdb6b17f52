// webhook_messages: the outbox. One row per event, written in the transaction of the change it reports.
import type { Queryable } from './pool.js';

export interface WebhookMessageRow {
  id: string;
  workspace_id: string;
  event: string;
  body: string;
  calendar_id: string | null;
  created_at: Date;
}

export async function insertMessage(
  db: Queryable,
  m: { id: string; workspaceId: string; event: string; body: string; calendarId: string | null },
): Promise<WebhookMessageRow> {
  const { rows } = await db.query<WebhookMessageRow>(
    `INSERT INTO webhook_messages (id, workspace_id, event, body, calendar_id) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [m.id, m.workspaceId, m.event, m.body, m.calendarId],
  );
  return rows[0];
}

export async function getMessage(db: Queryable, workspaceId: string, id: string): Promise<WebhookMessageRow | null> {
  const { rows } = await db.query<WebhookMessageRow>(`SELECT * FROM webhook_messages WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
  return rows[0] ?? null;
}

export async function getMessageById(db: Queryable, id: string): Promise<WebhookMessageRow | null> {
  const { rows } = await db.query<WebhookMessageRow>(`SELECT * FROM webhook_messages WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** A workspace's messages, newest first, optionally of one event type. */
export async function listMessages(
  db: Queryable,
  workspaceId: string,
  event: string | null,
  ks: { where: string; orderBy: string; values: unknown[] },
  limit: number,
): Promise<WebhookMessageRow[]> {
  const { rows } = await db.query<WebhookMessageRow>(
    `SELECT * FROM webhook_messages WHERE workspace_id = $1 AND ($2::text IS NULL OR event = $2) AND ${ks.where} ORDER BY ${ks.orderBy} LIMIT $3`,
    [workspaceId, event, limit, ...ks.values],
  );
  return rows;
}
