// Every minute: calendars whose scheduled pass is overdue (a lost job, a crashed worker) get a pass. Each pass
// schedules its own successor, so this only catches what fell through.
import { requestSync } from '../../calendars/sync/schedule.js';
import { dueCalendarIds } from '../../db/calendars.js';
import { defineTask } from '../define.js';

export const calendarSyncSchedulerTask = defineTask<Record<string, never>>('calendar_sync_scheduler', async (_payload, { deps, log }) => {
  const ids = await dueCalendarIds(deps.pool, 1000);
  for (const id of ids) await requestSync(deps.pool, id);
  if (ids.length) log.info({ count: ids.length }, 'overdue calendar syncs requested');
});
