import type { Queryable } from './pool.js';

export interface IdempotencyRow {
  scope: string;
  key: string;
  method: string;
  path: string;
  state: 'in_flight' | 'done';
  status_code: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
  created_at: Date;
}

/**
 * Claims the key. Returns null when claimed now, else the existing record. An expired record is replaced, and so
 * is one left `in_flight` for over 5 minutes: no request runs that long, so its process died before recording
 * the outcome, and the client's retry should run rather than get 409 for the rest of the hour.
 */
export async function claimIdempotencyKey(db: Queryable, scope: string, key: string, method: string, path: string): Promise<IdempotencyRow | null> {
  const r = await db.query<IdempotencyRow>(
    `INSERT INTO idempotency_keys (scope, key, method, path, state) VALUES ($1, $2, $3, $4, 'in_flight')
     ON CONFLICT (scope, key) DO UPDATE SET method = EXCLUDED.method, path = EXCLUDED.path, state = 'in_flight',
       status_code = NULL, response_headers = NULL, response_body = NULL, created_at = now()
       WHERE idempotency_keys.created_at < now() - interval '60 minutes'
          OR (idempotency_keys.state = 'in_flight' AND idempotency_keys.created_at < now() - interval '5 minutes')
     RETURNING (xmax = 0) AS inserted`,
    [scope, key, method, path],
  );
  if (r.rowCount) return null;
  const existing = await db.query<IdempotencyRow>('SELECT * FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
  return existing.rows[0] ?? null;
}

export async function completeIdempotencyKey(
  db: Queryable,
  scope: string,
  key: string,
  status: number,
  headers: Record<string, string>,
  body: string,
): Promise<void> {
  await db.query(
    `UPDATE idempotency_keys SET state = 'done', status_code = $3, response_headers = $4, response_body = $5
      WHERE scope = $1 AND key = $2`,
    [scope, key, status, JSON.stringify(headers), body],
  );
}

/** Outcomes that are not stored (5xx, 429) release the key so a retry runs again. */
export async function releaseIdempotencyKey(db: Queryable, scope: string, key: string): Promise<void> {
  await db.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'in_flight'`, [scope, key]);
}

export async function purgeIdempotencyKeys(db: Queryable): Promise<number> {
  const r = await db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '60 minutes'`);
  return r.rowCount ?? 0;
}
