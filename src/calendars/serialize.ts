// Wire shapes of the V2 Calendar (§4.3, plus the sync-health extension fields) and CalendarEvent (§4.6).
import type { CalendarEventRow } from '../db/calendar-events.js';
import type { CalendarRow } from '../db/calendars.js';
import type { Deps } from '../deps.js';
import { restDate } from '../http/format.js';
import type { EventBotView } from './event-bots-bridge.js';

export function renderCalendar(deps: Pick<Deps, 'secrets'>, row: CalendarRow) {
  return {
    id: row.id,
    // Returned as stored, as in Recall's samples (§4.3); stored encrypted.
    oauth_client_id: deps.secrets.decrypt(row.oauth_client_id_enc),
    oauth_client_secret: deps.secrets.decrypt(row.oauth_client_secret_enc),
    oauth_refresh_token: deps.secrets.decrypt(row.oauth_refresh_token_enc),
    platform: row.platform,
    webhook_url: row.webhook_url,
    oauth_email: row.oauth_email,
    platform_email: row.platform_email,
    status: row.status,
    status_changes: row.status_changes.map((c) => ({ status: c.status, created_at: restDate(c.created_at)!, error_code: c.error_code, error_message: c.error_message })),
    created_at: restDate(row.created_at)!,
    updated_at: restDate(row.updated_at)!,
    // rollcall extension: sync health
    last_synced_at: restDate(row.last_sync_at),
    last_full_sync_at: restDate(row.last_full_sync_at),
    last_sync_error: row.last_sync_error,
    last_sync_error_at: restDate(row.last_sync_error_at),
    push_channel_expires_at: restDate(row.push_expires_at),
    next_sync_at: restDate(row.next_sync_at),
  };
}

export function renderEvent(row: CalendarEventRow, view: EventBotView | undefined) {
  return {
    id: row.id,
    calendar_id: row.calendar_id,
    platform: row.platform,
    platform_id: row.platform_id,
    ical_uid: row.ical_uid,
    start_time: restDate(row.start_time)!,
    end_time: restDate(row.end_time)!,
    meeting_platform: row.meeting_platform,
    meeting_url: row.meeting_url,
    raw: row.raw,
    is_deleted: row.is_deleted,
    bots: view?.bots ?? [],
    // rollcall extension: why the event has no bot, when that is not visible on the event itself
    bot_reason: view?.no_bot_reason ?? null,
    created_at: restDate(row.created_at)!,
    updated_at: restDate(row.updated_at)!,
  };
}
