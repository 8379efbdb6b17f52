// Microsoft identity platform OAuth for the V1 hosted flow (api-contract.md §3.6, providers.md §3.1–3.3): the
// authorization URL on the `common` tenant and the code exchange. Base URLs come from the configuration.
import type { Config } from '../../config/load.js';
import { parseTokenResponse, ProviderHttp, type ProviderHttpOptions, type TokenResponse } from '../http.js';
import { authorizationCodeForm, setAuthorizeParams, type AuthorizeParams as CodeAuthorizeParams, type ExchangeParams } from '../oauth-code.js';
import { microsoftTokenError } from './errors.js';
import { microsoftTokenUrl } from './provider.js';

/** The V1 scopes of api-contract.md §3.6; offline_access is what yields a refresh token. */
export const MICROSOFT_V1_SCOPES = ['offline_access', 'openid', 'email', 'https://graph.microsoft.com/Calendars.Read'];

/** Sufficient calendar scopes, compared on the last path segment, case-insensitively (§3.2). */
export const MICROSOFT_CALENDAR_SCOPES = ['calendars.read', 'calendars.readwrite'];

export function hasMicrosoftCalendarScope(granted: string[]): boolean {
  return granted.some((s) => MICROSOFT_CALENDAR_SCOPES.includes(s.split('/').pop()!.toLowerCase()));
}

export interface AuthorizeParams extends CodeAuthorizeParams {
  /** `consent` forces the consent screen (the optional `prompt=consent` of §3.6). */
  prompt?: 'consent' | 'select_account' | 'login';
}

export function buildAuthorizeUrl(config: Pick<Config, 'MICROSOFT_LOGIN_URL'>, p: AuthorizeParams): string {
  const u = new URL(`${config.MICROSOFT_LOGIN_URL.replace(/\/+$/, '')}/common/oauth2/v2.0/authorize`);
  u.searchParams.set('scope', MICROSOFT_V1_SCOPES.join(' '));
  u.searchParams.set('response_mode', 'query');
  setAuthorizeParams(u, p);
  if (p.prompt) u.searchParams.set('prompt', p.prompt);
  return u.toString();
}

export type { ExchangeParams };

/** Authorization-code grant. `refreshToken` is null when offline_access was not granted. */
export async function exchangeCode(config: Pick<Config, 'MICROSOFT_LOGIN_URL'>, p: ExchangeParams, opts: ProviderHttpOptions = {}): Promise<TokenResponse> {
  const res = await new ProviderHttp(opts).request(microsoftTokenUrl(config), { form: authorizationCodeForm(p) });
  if (res.status !== 200) throw microsoftTokenError(res.status, res.json, res.headers.get('retry-after'));
  return parseTokenResponse(res.json);
}
