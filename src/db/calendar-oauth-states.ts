// calendar_oauth_states: server-side half of the OAuth `state` rollcall builds (PKCE verifier), consumed once.
import type { Queryable } from './pool.js';
import type { OAuthProvider } from './calendar-v1-secrets.js';

export interface OAuthStateRow {
  workspace_id: string;
  calendar_user_id: string;
  platform: OAuthProvider;
  redirect_uri: string;
  state_digest: string;
  code_verifier_enc: string;
}

export async function insertOAuthState(
  db: Queryable,
  s: OAuthStateRow & { nonce_hash: string; expires_at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO calendar_oauth_states (nonce_hash, workspace_id, calendar_user_id, platform, redirect_uri, state_digest, code_verifier_enc, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [s.nonce_hash, s.workspace_id, s.calendar_user_id, s.platform, s.redirect_uri, s.state_digest, s.code_verifier_enc, s.expires_at],
  );
  // Expired rows are garbage: drop a few on every insert rather than running a job for them.
  await db.query(`DELETE FROM calendar_oauth_states WHERE nonce_hash IN (SELECT nonce_hash FROM calendar_oauth_states WHERE expires_at < now() LIMIT 20)`);
}

/** Deletes and returns the unexpired state with this nonce hash; null when unknown, used or expired. */
export async function consumeOAuthState(db: Queryable, nonceHash: string): Promise<OAuthStateRow | null> {
  const r = await db.query<OAuthStateRow & { expired: boolean }>(
    `DELETE FROM calendar_oauth_states WHERE nonce_hash = $1
     RETURNING workspace_id, calendar_user_id, platform, redirect_uri, state_digest, code_verifier_enc, expires_at < now() AS expired`,
    [nonceHash],
  );
  const row = r.rows[0];
  return row && !row.expired ? row : null;
}
