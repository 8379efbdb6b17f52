// Google OAuth for the V1 hosted flow (api-contract.md §3.6, providers.md §1.2–1.6): the authorization URL and
// the code exchange. Base URLs come from the configuration.
import type { Config } from '../../config/load.js';
import { parseTokenResponse, ProviderHttp, type ProviderHttpOptions, type TokenResponse } from '../http.js';
import { googleTokenError } from './errors.js';

/** The V1 scopes, in the order api-contract.md §3.6 lists them. */
export const GOOGLE_V1_SCOPES = ['https://www.googleapis.com/auth/calendar.events.readonly', 'https://www.googleapis.com/auth/userinfo.email'];

/** Granted scopes any one of which is a sufficient calendar scope (api-contract.md §3.6 step 5). */
export const GOOGLE_CALENDAR_SCOPES = ['calendar.events.readonly', 'calendar.readonly', 'calendar.events', 'calendar'].map(
  (s) => `https://www.googleapis.com/auth/${s}`,
);

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  state: string;
  /** PKCE S256 challenge (base64url SHA-256 of the verifier). */
  codeChallenge?: string;
  loginHint?: string;
}

export function buildAuthorizeUrl(config: Pick<Config, 'GOOGLE_OAUTH_AUTHORIZE_URL'>, p: AuthorizeParams): string {
  const u = new URL(config.GOOGLE_OAUTH_AUTHORIZE_URL);
  u.searchParams.set('scope', GOOGLE_V1_SCOPES.join(' '));
  u.searchParams.set('access_type', 'offline');
  u.searchParams.set('prompt', 'consent');
  u.searchParams.set('include_granted_scopes', 'true');
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('state', p.state);
  u.searchParams.set('redirect_uri', p.redirectUri);
  u.searchParams.set('client_id', p.clientId);
  if (p.codeChallenge) {
    u.searchParams.set('code_challenge', p.codeChallenge);
    u.searchParams.set('code_challenge_method', 'S256');
  }
  if (p.loginHint) u.searchParams.set('login_hint', p.loginHint);
  return u.toString();
}

export interface ExchangeParams {
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri: string;
  codeVerifier?: string;
}

/** Authorization-code grant. `refreshToken` is null when Google issued none (no consent screen was shown). */
export async function exchangeCode(config: Pick<Config, 'GOOGLE_OAUTH_TOKEN_URL'>, p: ExchangeParams, opts: ProviderHttpOptions = {}): Promise<TokenResponse> {
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code: p.code,
    redirect_uri: p.redirectUri,
    client_id: p.clientId,
    client_secret: p.clientSecret,
  };
  if (p.codeVerifier) form.code_verifier = p.codeVerifier;
  const res = await new ProviderHttp(opts).request(config.GOOGLE_OAUTH_TOKEN_URL, { form });
  if (res.status !== 200) throw googleTokenError(res.status, res.json, res.headers.get('retry-after'));
  return parseTokenResponse(res.json);
}
