// Per-workspace V1 secrets, encrypted at rest by the caller: the OAuth clients of the hosted flow
// (workspace_oauth_clients) and the calendar-token signing secret (calendar_token_secrets).
import type { Queryable } from './pool.js';

export type OAuthProvider = 'google' | 'microsoft';

export interface OAuthClientRow {
  workspace_id: string;
  provider: OAuthProvider;
  client_id_enc: string;
  client_secret_enc: string;
  updated_at: Date;
}

export async function upsertOAuthClient(db: Queryable, workspaceId: string, provider: OAuthProvider, clientIdEnc: string, clientSecretEnc: string): Promise<void> {
  await db.query(
    `INSERT INTO workspace_oauth_clients (workspace_id, provider, client_id_enc, client_secret_enc) VALUES ($1, $2, $3, $4)
     ON CONFLICT (workspace_id, provider) DO UPDATE
       SET client_id_enc = EXCLUDED.client_id_enc, client_secret_enc = EXCLUDED.client_secret_enc,
           updated_at = date_trunc('milliseconds', now())`,
    [workspaceId, provider, clientIdEnc, clientSecretEnc],
  );
}

export async function findOAuthClient(db: Queryable, workspaceId: string, provider: OAuthProvider): Promise<OAuthClientRow | null> {
  const r = await db.query<OAuthClientRow>('SELECT * FROM workspace_oauth_clients WHERE workspace_id = $1 AND provider = $2', [workspaceId, provider]);
  return r.rows[0] ?? null;
}

export async function deleteOAuthClient(db: Queryable, workspaceId: string, provider: OAuthProvider): Promise<boolean> {
  const r = await db.query('DELETE FROM workspace_oauth_clients WHERE workspace_id = $1 AND provider = $2', [workspaceId, provider]);
  return (r.rowCount ?? 0) > 0;
}

/** Inserts the secret unless one exists; returns the stored (encrypted) secret either way. */
export async function ensureTokenSecret(db: Queryable, workspaceId: string, secretEnc: string): Promise<string> {
  const r = await db.query<{ secret_enc: string }>(
    `WITH ins AS (INSERT INTO calendar_token_secrets (workspace_id, secret_enc) VALUES ($1, $2)
                  ON CONFLICT (workspace_id) DO NOTHING RETURNING secret_enc)
     SELECT secret_enc FROM ins UNION ALL SELECT secret_enc FROM calendar_token_secrets WHERE workspace_id = $1`,
    [workspaceId, secretEnc],
  );
  return r.rows[0]?.secret_enc ?? secretEnc;
}

export async function replaceTokenSecret(db: Queryable, workspaceId: string, secretEnc: string): Promise<void> {
  await db.query(
    `INSERT INTO calendar_token_secrets (workspace_id, secret_enc) VALUES ($1, $2)
     ON CONFLICT (workspace_id) DO UPDATE SET secret_enc = EXCLUDED.secret_enc, created_at = date_trunc('milliseconds', now())`,
    [workspaceId, secretEnc],
  );
}

/** The token secret of the workspace and whether the calendar user exists in it (one round trip per request). */
export async function tokenSecretAndUser(db: Queryable, workspaceId: string, userId: string): Promise<{ secret_enc: string | null; user_exists: boolean }> {
  const r = await db.query<{ secret_enc: string | null; user_exists: boolean }>(
    `SELECT (SELECT secret_enc FROM calendar_token_secrets WHERE workspace_id = $1) AS secret_enc,
            EXISTS (SELECT 1 FROM calendar_users WHERE workspace_id = $1 AND id = $2) AS user_exists`,
    [workspaceId, userId],
  );
  return r.rows[0];
}
