// A calendar's provider access token: the cached one while it has enough life left, else a refresh (persisting a
// rotated Microsoft refresh token). Tokens are stored encrypted.
import { updateCalendarIfVersion, type CalendarPatch, type CalendarRow } from '../db/calendars.js';
import type { Deps } from '../deps.js';
import type { CalendarProvider } from '../providers/provider.js';
import { calendarCredentials } from './credentials.js';

export interface UsableToken {
  token: string;
  expiresAt: Date;
}

/** Minimum remaining life of a token handed out (the access-token endpoint promises 5 minutes). */
export const MIN_TOKEN_LIFE_MS = 5 * 60_000;

export async function accessTokenFor(deps: Deps, row: CalendarRow, provider: CalendarProvider, opts: { forceRefresh?: boolean } = {}): Promise<UsableToken> {
  const cachedUntil = row.access_token_expires_at?.getTime() ?? 0;
  if (!opts.forceRefresh && row.access_token_enc && cachedUntil - Date.now() > MIN_TOKEN_LIFE_MS) {
    return { token: deps.secrets.decrypt(row.access_token_enc), expiresAt: row.access_token_expires_at! };
  }
  const fresh = await provider.refreshAccessToken(calendarCredentials(deps, row));
  const patch: CalendarPatch = { access_token_enc: deps.secrets.encrypt(fresh.token), access_token_expires_at: fresh.expiresAt };
  if (fresh.rotatedRefreshToken) patch.oauth_refresh_token_enc = deps.secrets.encrypt(fresh.rotatedRefreshToken);
  await updateCalendarIfVersion(deps.pool, row.id, row.credentials_version, patch);
  Object.assign(row, patch);
  return { token: fresh.token, expiresAt: fresh.expiresAt };
}
