// GET /api/v1/calendar/oauth-url/ (rollcall extension): the provider authorization URL for the caller's token,
// with PKCE and a single-use nonce whose server-side row binds the state to the user, platform and redirect URI.
import { createHash, randomBytes } from 'node:crypto';
import { insertOAuthState } from '../db/calendar-oauth-states.js';
import { sha256Hex } from '../crypto/tokens.js';
import type { Deps } from '../deps.js';
import { buildAuthorizeUrl as googleAuthorizeUrl } from '../providers/google/oauth.js';
import { buildAuthorizeUrl as microsoftAuthorizeUrl } from '../providers/microsoft/oauth.js';
import type { OAuthClient } from './oauth-clients.js';
import { buildOAuthState, stateDigest } from './oauth-state.js';
import type { V1Platform } from './users.js';

export const OAUTH_STATE_TTL_MS = 30 * 60_000;

export const callbackPath = (platform: V1Platform) => (platform === 'google' ? '/api/v1/calendar/google_oauth_callback/' : '/api/v1/calendar/ms_oauth_callback/');

export interface OAuthUrlRequest {
  workspaceId: string;
  calendarUserId: string;
  platform: V1Platform;
  token: string;
  client: OAuthClient;
  base: string;
  successUrl?: string;
  errorUrl?: string;
  loginHint?: string;
}

export async function buildOAuthUrl(deps: Deps, r: OAuthUrlRequest): Promise<{ url: string; redirect_uri: string; expires_at: Date }> {
  const redirectUri = `${r.base}${callbackPath(r.platform)}`;
  const nonce = randomBytes(24).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const expiresAt = new Date(Date.now() + OAUTH_STATE_TTL_MS);
  const state = buildOAuthState(r.platform, { token: r.token, redirectUri, successUrl: r.successUrl, errorUrl: r.errorUrl, nonce });
  await insertOAuthState(deps.pool, {
    nonce_hash: sha256Hex(nonce),
    workspace_id: r.workspaceId,
    calendar_user_id: r.calendarUserId,
    platform: r.platform,
    redirect_uri: redirectUri,
    state_digest: stateDigest({ token: r.token, redirectUri, successUrl: r.successUrl ?? null, errorUrl: r.errorUrl ?? null }),
    code_verifier_enc: deps.secrets.encrypt(verifier),
    expires_at: expiresAt,
  });
  const params = { clientId: r.client.clientId, redirectUri, state, codeChallenge: challenge, loginHint: r.loginHint };
  const url = r.platform === 'google' ? googleAuthorizeUrl(deps.config, params) : microsoftAuthorizeUrl(deps.config, { ...params, prompt: 'consent' });
  return { url, redirect_uri: redirectUri, expires_at: expiresAt };
}
