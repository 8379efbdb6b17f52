// Microsoft identity platform OAuth for the V1 hosted flow (api-contract.md §3.6, providers.md §3.1–3.3): the
// authorization URL on the `common` tenant and the code exchange. Base URLs come from the configuration.
import type { Config } from '../../config/load.js';
import { parseTokenResponse, ProviderHttp, type ProviderHttpOptions, type TokenResponse } from '../http.js';
import { microsoftTokenError } from './errors.js';
import { microsoftTokenUrl } from './provider.js';

/** The V1 scopes of api-contract.md §3.6; offline_access is what yields a refresh token. */
export const MICROSOFT_V1_SCOPES = ['offline_access', 'openid', 'email', 'https://graph.microsoft.com/Calendars.Read'];

/** Sufficient calendar scopes, compared on the last path segment, case-insensitively (§3.2). */
export const MICROSOFT_CALENDAR_SCOPES = ['calendars.read', 'calendars.readwrite'];

export function hasMicrosoftCalendarScope(granted: string[]): boolean {
  return granted.some((s) => MICROSOFT_CALENDAR_SCOPES.includes(s.split('/').pop()!.toLowerCase()));
}

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  state: string;
  /** PKCE S256 challenge. */
  codeChallenge?: string;
  loginHint?: string;
  /** `consent` forces the consent screen (the optional `prompt=consent` of §3.6). */
  prompt?: 'consent' | 'select_account' | 'login';
}

export function buildAuthorizeUrl(config: Pick<Config, 'MICROSOFT_LOGIN_URL'>, p: AuthorizeParams): string {
  const u = new URL(`${config.MICROSOFT_LOGIN_URL.replace(/\/+$/, '')}/common/oauth2/v2.0/authorize`);
  u.searchParams.set('scope', MICROSOFT_V1_SCOPES.join(' '));
  u.searchParams.set('response_mode', 'query');
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('state', p.state);
  u.searchParams.set('redirect_uri', p.redirectUri);
  u.searchParams.set('client_id', p.clientId);
  if (p.prompt) u.searchParams.set('prompt', p.prompt);
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

/** Authorization-code grant. `refreshToken` is null when offline_access was not granted. */
export async function exchangeCode(config: Pick<Config, 'MICROSOFT_LOGIN_URL'>, p: ExchangeParams, opts: ProviderHttpOptions = {}): Promise<TokenResponse> {
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code: p.code,
    redirect_uri: p.redirectUri,
    client_id: p.clientId,
    client_secret: p.clientSecret,
  };
  if (p.codeVerifier) form.code_verifier = p.codeVerifier;
  const res = await new ProviderHttp(opts).request(microsoftTokenUrl(config), { form });
  if (res.status !== 200) throw microsoftTokenError(res.status, res.json, res.headers.get('retry-after'));
  return parseTokenResponse(res.json);
}
