// webhook_endpoints: a workspace's registered receivers. Secrets arrive and leave encrypted; callers decrypt.
import type { Queryable } from './pool.js';
import { keyset } from './keyset.js';
import type { Cursor } from '../http/pagination.js';

export interface WebhookEndpointRow {
  id: string;
  workspace_id: string;
  url: string;
  description: string;
  event_types: string[];
  bot_payload_format: 'current' | 'legacy';
  disabled: boolean;
  disabled_reason: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
}

export async function insertEndpoint(
  db: Queryable,
  e: { workspaceId: string; url: string; description: string; eventTypes: string[]; botPayloadFormat: string; disabled: boolean; encryptedSecret: string },
): Promise<WebhookEndpointRow> {
  const { rows } = await db.query<WebhookEndpointRow>(
    `INSERT INTO webhook_endpoints (workspace_id, url, description, event_types, bot_payload_format, disabled, secret)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [e.workspaceId, e.url, e.description, e.eventTypes, e.botPayloadFormat, e.disabled, e.encryptedSecret],
  );
  return rows[0];
}

export async function getEndpoint(db: Queryable, workspaceId: string, id: string): Promise<WebhookEndpointRow | null> {
  const { rows } = await db.query<WebhookEndpointRow>(`SELECT * FROM webhook_endpoints WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
  return rows[0] ?? null;
}

export async function getEndpointById(db: Queryable, id: string): Promise<WebhookEndpointRow | null> {
  const { rows } = await db.query<WebhookEndpointRow>(`SELECT * FROM webhook_endpoints WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listEndpoints(db: Queryable, workspaceId: string, cursor: Cursor | null, limit: number): Promise<WebhookEndpointRow[]> {
  const ks = keyset(cursor, [{ expr: 'created_at', type: 'timestamptz' }, { expr: 'id', type: 'uuid' }], 3);
  const { rows } = await db.query<WebhookEndpointRow>(
    `SELECT * FROM webhook_endpoints WHERE workspace_id = $1 AND ${ks.where} ORDER BY ${ks.orderBy} LIMIT $2`,
    [workspaceId, limit, ...ks.values],
  );
  return rows;
}

export async function updateEndpoint(
  db: Queryable,
  workspaceId: string,
  id: string,
  patch: { url?: string; description?: string; eventTypes?: string[]; botPayloadFormat?: string; disabled?: boolean },
): Promise<WebhookEndpointRow | null> {
  const { rows } = await db.query<WebhookEndpointRow>(
    `UPDATE webhook_endpoints SET
        url = coalesce($3, url),
        description = coalesce($4, description),
        event_types = coalesce($5, event_types),
        bot_payload_format = coalesce($6, bot_payload_format),
        disabled = coalesce($7, disabled),
        -- re-enabling starts a fresh failure window
        disabled_reason = CASE WHEN $7 = false THEN NULL ELSE disabled_reason END,
        failing_since = CASE WHEN $7 = false THEN NULL ELSE failing_since END,
        updated_at = date_trunc('milliseconds', now())
      WHERE workspace_id = $1 AND id = $2 RETURNING *`,
    [workspaceId, id, patch.url ?? null, patch.description ?? null, patch.eventTypes ?? null, patch.botPayloadFormat ?? null, patch.disabled ?? null],
  );
  return rows[0] ?? null;
}

export async function deleteEndpoint(db: Queryable, workspaceId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query(`DELETE FROM webhook_endpoints WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
  return (rowCount ?? 0) > 0;
}

/** Replaces the secret, keeping the old one valid until now + overlap. */
export async function rotateEndpointSecret(db: Queryable, workspaceId: string, id: string, encryptedSecret: string, overlapSeconds: number): Promise<WebhookEndpointRow | null> {
  const { rows } = await db.query<WebhookEndpointRow>(
    `UPDATE webhook_endpoints SET previous_secret = secret, secret = $3,
            previous_secret_expires_at = now() + $4 * interval '1 second', updated_at = date_trunc('milliseconds', now())
      WHERE workspace_id = $1 AND id = $2 RETURNING *`,
    [workspaceId, id, encryptedSecret, overlapSeconds],
  );
  return rows[0] ?? null;
}

/** After a failed attempt: starts the failure window if needed; returns when the window started. */
export async function noteEndpointFailure(db: Queryable, id: string, attemptStartedAt: Date): Promise<Date | null> {
  const { rows } = await db.query<{ failing_since: Date }>(
    `UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, $2) WHERE id = $1 RETURNING failing_since`,
    [id, attemptStartedAt],
  );
  return rows[0]?.failing_since ?? null;
}

export async function noteEndpointSuccess(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [id]);
}

/** Disables an endpoint whose failure window started at or before `failingBefore`; true if this call disabled it. */
export async function disableFailingEndpoint(db: Queryable, id: string, failingBefore: Date, reason: string): Promise<WebhookEndpointRow | null> {
  const { rows } = await db.query<WebhookEndpointRow>(
    `UPDATE webhook_endpoints SET disabled = true, disabled_reason = $3, updated_at = date_trunc('milliseconds', now())
      WHERE id = $1 AND NOT disabled AND failing_since <= $2 RETURNING *`,
    [id, failingBefore, reason],
  );
  return rows[0] ?? null;
}
