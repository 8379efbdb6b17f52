// The dashboard's one-time login code, kept as a hash with an expiry in the workspace's settings.
import type { Queryable } from './pool.js';

export async function storeLoginCodeHash(db: Queryable, workspaceId: string, codeHash: string, expiresAt: Date): Promise<void> {
  await db.query(
    `UPDATE workspaces SET settings = jsonb_set(settings, '{dashboard_login}', $2::jsonb) WHERE id = $1`,
    [workspaceId, JSON.stringify({ code_hash: codeHash, expires_at: expiresAt.toISOString() })],
  );
}

/** Removes the code and returns its workspace, only if it matches and has not expired; a second use finds nothing. */
export async function consumeLoginCodeHash(db: Queryable, codeHash: string): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `UPDATE workspaces SET settings = settings - 'dashboard_login'
     WHERE settings->'dashboard_login'->>'code_hash' = $1
       AND (settings->'dashboard_login'->>'expires_at')::timestamptz > now()
     RETURNING id`,
    [codeHash],
  );
  return r.rows[0]?.id ?? null;
}
