// Google OAuth for the V1 hosted flow (api-contract.md §3.6, providers.md §1.2–1.6): the authorization URL and
// the code exchange. Base URLs come from the configuration.
import type { Config } from '../../config/load.js';
import { parseTokenResponse, ProviderHttp, type ProviderHttpOptions, type TokenResponse } from '../http.js';
import { authorizationCodeForm, setAuthorizeParams, type AuthorizeParams, type ExchangeParams } from '../oauth-code.js';
import { googleTokenError } from './errors.js';

/** The V1 scopes, in the order api-contract.md §3.6 lists them. */
export const GOOGLE_V1_SCOPES = ['https://www.googleapis.com/auth/calendar.events.readonly', 'https://www.googleapis.com/auth/userinfo.email'];

/** Granted scopes any one of which is a sufficient calendar scope (api-contract.md §3.6 step 5). */
export const GOOGLE_CALENDAR_SCOPES = ['calendar.events.readonly', 'calendar.readonly', 'calendar.events', 'calendar'].map(
  (s) => `https://www.googleapis.com/auth/${s}`,
);

export type { AuthorizeParams, ExchangeParams };

export function buildAuthorizeUrl(config: Pick<Config, 'GOOGLE_OAUTH_AUTHORIZE_URL'>, p: AuthorizeParams): string {
  const u = new URL(config.GOOGLE_OAUTH_AUTHORIZE_URL);
  u.searchParams.set('scope', GOOGLE_V1_SCOPES.join(' '));
  u.searchParams.set('access_type', 'offline');
  u.searchParams.set('prompt', 'consent');
  u.searchParams.set('include_granted_scopes', 'true');
  setAuthorizeParams(u, p);
  return u.toString();
}

/** Authorization-code grant. `refreshToken` is null when Google issued none (no consent screen was shown). */
export async function exchangeCode(config: Pick<Config, 'GOOGLE_OAUTH_TOKEN_URL'>, p: ExchangeParams, opts: ProviderHttpOptions = {}): Promise<TokenResponse> {
  const res = await new ProviderHttp(opts).request(config.GOOGLE_OAUTH_TOKEN_URL, { form: authorizationCodeForm(p) });
  if (res.status !== 200) throw googleTokenError(res.status, res.json, res.headers.get('retry-after'));
  return parseTokenResponse(res.json);
}
