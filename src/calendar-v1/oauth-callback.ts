// The V1 OAuth callbacks (api-contract §3.6): verify the state and its token, exchange the code, require a
// refresh token and a calendar scope, read the account email, attach the connection to the user (replacing a
// previous one of the platform), start the sync. Every failure is a `Calendar connection failed! (…)` message.
import { consumeOAuthState } from '../db/calendar-oauth-states.js';
import { connectionsOf } from '../db/calendar-users.js';
import { safeEqual, sha256Hex } from '../crypto/tokens.js';
import type { Deps } from '../deps.js';
import { createCalendar, patchCalendar } from '../calendars/service.js';
import { providerFor } from '../calendars/provider-for.js';
import { idTokenEmail, type TokenResponse } from '../providers/http.js';
import { exchangeCode as googleExchange, GOOGLE_CALENDAR_SCOPES } from '../providers/google/oauth.js';
import { exchangeCode as microsoftExchange, hasMicrosoftCalendarScope } from '../providers/microsoft/oauth.js';
import { ProviderError } from '../providers/provider.js';
import type { Logger } from '../observability/logger.js';
import { oauthClientFor } from './oauth-clients.js';
import { parseOAuthState, stateDigest, type OAuthState } from './oauth-state.js';
import { CalendarTokenError, verifyCalendarToken, type TokenSubject } from './tokens.js';
import { removeConnection, toCalendarPlatform, toV1Platform, type V1Platform } from './users.js';

export const INVALID_TOKEN_MESSAGE = "Calendar connection failed! (Invalid 'recall_calendar_auth_token' supplied)";
export const MISSING_REFRESH_TOKEN_MESSAGE = 'Calendar connection failed! (reason: refresh_token missing from oAuth response)';
export const failure = (reason: string) => `Calendar connection failed! (reason: ${reason})`;

const MICROSOFT_SUPPORTED = ['Calendars.Read', 'Calendars.ReadWrite'];

export interface CallbackParams {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

export type CallbackOutcome =
  | { ok: true; state: OAuthState; subject: TokenSubject }
  | { ok: false; message: string; state: OAuthState | null; subject: TokenSubject | null };

class Failed extends Error {}

/** Python-style list rendering, as Recall's message shows it. */
const pyList = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

function checkScopes(platform: V1Platform, granted: string[]): void {
  const ok = platform === 'google' ? granted.some((s) => GOOGLE_CALENDAR_SCOPES.includes(s)) : hasMicrosoftCalendarScope(granted);
  if (ok) return;
  const supported = platform === 'google' ? GOOGLE_CALENDAR_SCOPES : MICROSOFT_SUPPORTED;
  throw new Failed(failure(`invalid_scope(detail: None of the supported calendar scopes(${pyList(supported)}) present in response(${pyList(granted)}).)`));
}

async function exchange(deps: Deps, platform: V1Platform, subject: TokenSubject, code: string, redirectUri: string, codeVerifier?: string): Promise<TokenResponse> {
  const client = await oauthClientFor(deps, subject.workspaceId, platform);
  if (!client) throw new Failed(failure(`no ${platform === 'google' ? 'Google' : 'Microsoft'} OAuth client is configured for this workspace`));
  const p = { clientId: client.clientId, clientSecret: client.clientSecret, code, redirectUri, codeVerifier };
  try {
    return platform === 'google' ? await googleExchange(deps.config, p) : await microsoftExchange(deps.config, p);
  } catch (err) {
    if (err instanceof ProviderError) throw new Failed(failure(`${err.details.code ?? err.kind}: ${err.message}`));
    throw err;
  }
}

async function accountEmail(deps: Deps, platform: V1Platform, tokens: TokenResponse): Promise<string> {
  const fromIdToken = idTokenEmail(tokens.idToken);
  if (fromIdToken) return fromIdToken;
  try {
    return await (await providerFor(toCalendarPlatform(platform), deps.config)).accountEmail(tokens.accessToken);
  } catch (err) {
    if (err instanceof ProviderError) throw new Failed(failure(`could not read the account email: ${err.message}`));
    throw err;
  }
}

/** Attaches the account to the user: same account → new credentials on the same connection; else replace. */
async function connect(deps: Deps, platform: V1Platform, subject: TokenSubject, tokens: TokenResponse & { refreshToken: string }, email: string, log: Logger): Promise<void> {
  const client = (await oauthClientFor(deps, subject.workspaceId, platform))!;
  const existing = (await connectionsOf(deps.pool, [subject.calendarUserId])).filter((c) => toV1Platform(c.platform) === platform);
  for (const c of existing) {
    if (c.email && c.email.toLowerCase() === email.toLowerCase()) {
      await patchCalendar(deps, subject.workspaceId, c.calendar_id, {
        oauth_client_id: client.clientId,
        oauth_client_secret: client.clientSecret,
        oauth_refresh_token: tokens.refreshToken,
        oauth_email: email,
      });
      log.info({ calendar_id: c.calendar_id }, 'V1 connection re-authorised');
      return;
    }
    // "The latest connection will clear out bots and calendar data for any previous connections."
    await removeConnection(deps, subject.workspaceId, c.calendar_id);
  }
  const cal = await createCalendar(
    deps,
    subject.workspaceId,
    { platform: toCalendarPlatform(platform), oauth_client_id: client.clientId, oauth_client_secret: client.clientSecret, oauth_refresh_token: tokens.refreshToken, oauth_email: email },
    subject.calendarUserId,
  );
  log.info({ calendar_id: cal.id }, 'V1 connection created');
}

export async function handleOAuthCallback(deps: Deps, platform: V1Platform, params: CallbackParams, fallbackRedirectUri: string, log: Logger): Promise<CallbackOutcome> {
  const state = parseOAuthState(params.state, platform);
  let subject: TokenSubject | null = null;
  try {
    if (!state?.token) throw new Failed(INVALID_TOKEN_MESSAGE);
    try {
      subject = await verifyCalendarToken(deps, state.token);
    } catch (err) {
      if (err instanceof CalendarTokenError) throw new Failed(INVALID_TOKEN_MESSAGE);
      throw err;
    }
    if (params.error) throw new Failed(failure(params.error_description ? `${params.error}: ${params.error_description}` : params.error));
    let redirectUri = state.redirectUri ?? fallbackRedirectUri;
    let codeVerifier: string | undefined;
    if (state.nonce) {
      // A state rollcall issued: single use, unmodified, for this user and platform.
      const saved = await consumeOAuthState(deps.pool, sha256Hex(state.nonce));
      if (!saved || saved.calendar_user_id !== subject.calendarUserId || saved.workspace_id !== subject.workspaceId || saved.platform !== platform || !safeEqual(saved.state_digest, stateDigest(state))) {
        throw new Failed(failure('invalid_state: the OAuth state is unknown, expired, already used or was modified'));
      }
      redirectUri = saved.redirect_uri;
      codeVerifier = deps.secrets.decrypt(saved.code_verifier_enc);
    }
    if (!params.code) throw new Failed(failure('code missing from oAuth response'));
    const tokens = await exchange(deps, platform, subject, params.code, redirectUri, codeVerifier);
    if (!tokens.refreshToken) throw new Failed(MISSING_REFRESH_TOKEN_MESSAGE);
    checkScopes(platform, tokens.scopes);
    const email = await accountEmail(deps, platform, tokens);
    await connect(deps, platform, subject, { ...tokens, refreshToken: tokens.refreshToken }, email, log.child({ calendar_user_id: subject.calendarUserId }));
    return { ok: true, state: state!, subject };
  } catch (err) {
    if (!(err instanceof Failed)) throw err;
    log.info({ platform, reason: err.message }, 'V1 calendar connection failed');
    return { ok: false, message: err.message, state, subject };
  }
}
