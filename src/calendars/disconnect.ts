// Permanent auth failure (providers.md §5): the calendar becomes `disconnected` with the provider's error in
// status_changes, its push channel is dropped, its undispatched bots are unscheduled and `calendar.update` is sent,
// all in one transaction. Stopping the channel at the provider is best effort afterwards (the grant is usually
// dead; the channel then expires on its own and its notifications no longer match any calendar).
import { getCalendarById, setCalendarStatus, type CalendarRow } from '../db/calendars.js';
import { withTransaction } from '../db/pool.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../observability/logger.js';
import { emitCalendarUpdate } from './calendar-webhooks.js';
import { unscheduleCalendar } from './event-bots-bridge.js';
import { stopChannelQuietly, channelOf } from './sync/push.js';

export async function disconnectCalendar(deps: Deps, started: CalendarRow, error: { code: string; message: string }, log: Logger): Promise<boolean> {
  const before = await withTransaction(deps.pool, async (tx) => {
    const cal = await getCalendarById(tx, started.id, true);
    if (!cal || cal.deleted_at || cal.status === 'disconnected' || cal.credentials_version !== started.credentials_version) return null;
    const updated = await setCalendarStatus(tx, cal.id, 'disconnected', { code: error.code, message: error.message }, {
      push_channel_id: null,
      push_resource_id: null,
      push_secret_enc: null,
      push_expires_at: null,
      access_token_enc: null,
      access_token_expires_at: null,
      last_sync_error: `${error.code}: ${error.message}`,
      last_sync_error_at: new Date(),
      next_sync_at: null,
      backoff_until: null,
    });
    await unscheduleCalendar(tx, cal.id);
    await emitCalendarUpdate(tx, updated!);
    return cal;
  });
  if (!before) return false;
  log.info({ error_code: error.code }, 'calendar disconnected');
  const channel = channelOf(deps, before);
  if (channel) await stopChannelQuietly(deps, before, channel, log);
  return true;
}
