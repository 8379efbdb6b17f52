// Daily: events that ended more than SYNC_RETENTION_DAYS ago are purged (no webhook), and calendars deleted that
// long ago go with their remaining events.
import { purgeOldEvents } from '../../db/calendar-events.js';
import { purgeDeletedCalendars } from '../../db/calendars.js';
import { defineTask } from '../define.js';

export const purgeCalendarEventsTask = defineTask<Record<string, never>>('purge_calendar_events', async (_payload, { deps, log }) => {
  let events = 0;
  for (;;) {
    const n = await purgeOldEvents(deps.pool, deps.config.SYNC_RETENTION_DAYS);
    events += n;
    if (n === 0) break;
  }
  const calendars = await purgeDeletedCalendars(deps.pool, deps.config.SYNC_RETENTION_DAYS);
  log.info({ events, calendars }, 'calendar retention purge done');
});
