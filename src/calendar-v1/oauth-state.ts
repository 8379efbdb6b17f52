// The OAuth `state` of the V1 connect flow (api-contract §3.6): JSON carrying the calendar token, the redirect
// URI used at the provider, and optional success/error URLs. Clients often paste it unencoded, so it is read as
// JSON, else after one more percent-decode, else as base64url JSON.
import { sha256Hex } from '../crypto/tokens.js';
import type { V1Platform } from './users.js';

export interface OAuthState {
  token: string | null;
  redirectUri: string | null;
  successUrl: string | null;
  errorUrl: string | null;
  /** Present on states rollcall built (oauth-url helper): the key of the server-side half (PKCE verifier). */
  nonce: string | null;
}

function tryJson(s: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function decodeOnce(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return null;
  }
}

export const redirectKey = (platform: V1Platform) => (platform === 'google' ? 'google_oauth_redirect_url' : 'ms_oauth_redirect_url');

/** Null when `state` is not a JSON object in any of the accepted encodings. */
export function parseOAuthState(raw: string | undefined, platform: V1Platform): OAuthState | null {
  if (typeof raw !== 'string' || raw === '') return null;
  const decoded = decodeOnce(raw);
  const obj = tryJson(raw) ?? (decoded !== null ? tryJson(decoded) : null) ?? (/^[A-Za-z0-9_-]+={0,2}$/.test(raw) ? tryJson(Buffer.from(raw, 'base64url').toString('utf8')) : null);
  if (!obj) return null;
  const s = (k: string) => (typeof obj[k] === 'string' && obj[k] !== '' ? (obj[k] as string) : null);
  return { token: s('recall_calendar_auth_token'), redirectUri: s(redirectKey(platform)), successUrl: s('success_url'), errorUrl: s('error_url'), nonce: s('rollcall_nonce') };
}

/** Builds the state JSON rollcall issues from its oauth-url helper. */
export function buildOAuthState(platform: V1Platform, s: { token: string; redirectUri: string; successUrl?: string; errorUrl?: string; nonce: string }): string {
  return JSON.stringify({
    recall_calendar_auth_token: s.token,
    [redirectKey(platform)]: s.redirectUri,
    ...(s.successUrl ? { success_url: s.successUrl } : {}),
    ...(s.errorUrl ? { error_url: s.errorUrl } : {}),
    rollcall_nonce: s.nonce,
  });
}

/** Digest of the fields that matter, so an issued state edited in transit is detected. */
export function stateDigest(s: Pick<OAuthState, 'token' | 'redirectUri' | 'successUrl' | 'errorUrl'>): string {
  return sha256Hex(JSON.stringify([s.token, s.redirectUri, s.successUrl, s.errorUrl]));
}
