// Calendar lifecycle operations behind the V2 API (api-contract §4.4–4.5). No provider call happens inside a
// create or PATCH request: they store the change and enqueue the connection; API calls never emit webhooks.
import {
  getCalendar,
  getCalendarById,
  insertCalendar,
  restartConnection,
  updateCalendar,
  type CalendarPatch,
  type CalendarRow,
} from '../db/calendars.js';
import { withTransaction } from '../db/pool.js';
import type { Deps } from '../deps.js';
import { enqueue } from '../jobs/enqueue.js';
import { calendarStopPushTask } from '../jobs/tasks/calendar-stop-push.js';
import type { Logger } from '../observability/logger.js';
import { ProviderError, type CalendarPlatform } from '../providers/provider.js';
import { accessTokenFor, type UsableToken } from './access-token.js';
import { calendarCredentials } from './credentials.js';
import { disconnectCalendar } from './disconnect.js';
import { unscheduleCalendar } from './event-bots-bridge.js';
import { providerFor } from './provider-for.js';
import { cancelSyncs, requestSync } from './sync/schedule.js';
import { safeEqual } from '../crypto/tokens.js';

export interface CalendarInput {
  platform?: CalendarPlatform;
  oauth_client_id?: string;
  oauth_client_secret?: string;
  oauth_refresh_token?: string;
  oauth_email?: string | null;
  webhook_url?: string | null;
}

export async function createCalendar(deps: Deps, workspaceId: string, input: Required<Pick<CalendarInput, 'platform' | 'oauth_client_id' | 'oauth_client_secret' | 'oauth_refresh_token'>> & CalendarInput, calendarUserId: string | null = null): Promise<CalendarRow> {
  return withTransaction(deps.pool, async (tx) => {
    const row = await insertCalendar(tx, {
      workspaceId,
      calendarUserId,
      platform: input.platform,
      clientIdEnc: deps.secrets.encrypt(input.oauth_client_id),
      clientSecretEnc: deps.secrets.encrypt(input.oauth_client_secret),
      refreshTokenEnc: deps.secrets.encrypt(input.oauth_refresh_token),
      oauthEmail: input.oauth_email ?? null,
      webhookUrl: input.webhook_url ?? null,
    });
    await requestSync(tx, row.id);
    return row;
  });
}

/** Partial update; a changed credential restarts the connection (§4.4). Returns null for an unknown calendar. */
export async function patchCalendar(deps: Deps, workspaceId: string, id: string, input: CalendarInput, opts: { v2Only?: boolean } = {}): Promise<CalendarRow | null> {
  return withTransaction(deps.pool, async (tx) => {
    const cal = await getCalendar(tx, workspaceId, id, opts);
    if (!cal) return null;
    const locked = (await getCalendarById(tx, id, true))!;
    const current = calendarCredentials(deps, locked);
    const patch: CalendarPatch = {};
    let credentialsChanged = false;
    if (input.oauth_client_id !== undefined && input.oauth_client_id !== current.clientId) {
      patch.oauth_client_id_enc = deps.secrets.encrypt(input.oauth_client_id);
      credentialsChanged = true;
    }
    if (input.oauth_client_secret !== undefined && !safeEqual(input.oauth_client_secret, current.clientSecret)) {
      patch.oauth_client_secret_enc = deps.secrets.encrypt(input.oauth_client_secret);
      credentialsChanged = true;
    }
    if (input.oauth_refresh_token !== undefined && !safeEqual(input.oauth_refresh_token, current.refreshToken)) {
      patch.oauth_refresh_token_enc = deps.secrets.encrypt(input.oauth_refresh_token);
      credentialsChanged = true;
    }
    if (input.oauth_email !== undefined) patch.oauth_email = input.oauth_email;
    if (input.webhook_url !== undefined) patch.webhook_url = input.webhook_url;
    if (credentialsChanged) {
      const row = await restartConnection(tx, id, patch);
      await requestSync(tx, id);
      return row;
    }
    return Object.keys(patch).length ? updateCalendar(tx, id, patch) : locked;
  });
}

/** Deletes a calendar: unschedules its bots, forgets its pending syncs, stops its push channel (by a job). */
export async function deleteCalendar(deps: Deps, workspaceId: string, id: string, opts: { v2Only?: boolean } = {}): Promise<boolean> {
  return withTransaction(deps.pool, async (tx) => {
    const cal = await getCalendar(tx, workspaceId, id, opts);
    if (!cal) return false;
    await getCalendarById(tx, id, true);
    await updateCalendar(tx, id, { deleted_at: new Date(), push_channel_id: null, push_resource_id: null, push_secret_enc: null, push_expires_at: null, next_sync_at: null });
    await unscheduleCalendar(tx, id);
    await cancelSyncs(tx, id);
    if (cal.push_channel_id) {
      await enqueue(tx, calendarStopPushTask, { calendarId: id, channelId: cal.push_channel_id, resourceId: cal.push_resource_id }, { maxAttempts: 5 });
    }
    return true;
  });
}

export class AccessTokenFailure extends Error {
  constructor(
    readonly code: 'no_oauth_credentials' | 'bad_refresh_token' | 'error',
    message: string,
  ) {
    super(message);
  }
}

/** A provider access token with at least 5 minutes left (cached when possible); a dead grant disconnects. */
export async function calendarAccessToken(deps: Deps, cal: CalendarRow, log: Logger): Promise<UsableToken> {
  if (!cal.oauth_refresh_token_enc || !cal.oauth_client_id_enc) throw new AccessTokenFailure('no_oauth_credentials', 'The calendar has no OAuth credentials.');
  const provider = await providerFor(cal.platform, deps.config);
  try {
    return await accessTokenFor(deps, cal, provider);
  } catch (err) {
    if (err instanceof ProviderError && err.kind === 'auth_revoked') {
      await disconnectCalendar(deps, cal, { code: err.details.code ?? err.kind, message: err.message }, log);
      throw new AccessTokenFailure('bad_refresh_token', `The provider rejected the refresh token: ${err.message}`);
    }
    throw new AccessTokenFailure('error', err instanceof ProviderError ? `The provider failed: ${err.message}` : 'Could not obtain an access token.');
  }
}
