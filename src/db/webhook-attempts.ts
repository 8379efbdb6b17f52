// webhook_attempts: every HTTP attempt of a delivery, with its outcome and a truncated response body.
import type { Queryable } from './pool.js';

export interface WebhookAttemptRow {
  id: number;
  delivery_id: string;
  attempt: number;
  status: 'succeeded' | 'failed';
  started_at: Date;
  duration_ms: number;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  created_at: Date;
}

export async function insertAttempt(
  db: Queryable,
  a: { deliveryId: string; attempt: number; ok: boolean; startedAt: Date; durationMs: number; responseStatus: number | null; responseBody: string | null; error: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO webhook_attempts (delivery_id, attempt, status, started_at, duration_ms, response_status, response_body, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [a.deliveryId, a.attempt, a.ok ? 'succeeded' : 'failed', a.startedAt, a.durationMs, a.responseStatus, a.responseBody, a.error],
  );
}

export async function attemptsOfDeliveries(db: Queryable, deliveryIds: string[]): Promise<WebhookAttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  const { rows } = await db.query<WebhookAttemptRow>(`SELECT * FROM webhook_attempts WHERE delivery_id = ANY ($1::uuid[]) ORDER BY id`, [deliveryIds]);
  return rows;
}
