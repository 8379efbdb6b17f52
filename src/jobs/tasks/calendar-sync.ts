// One sync pass over one calendar (src/calendars/sync/pass.ts). Enqueued through calendars/sync/schedule.ts only.
import { runSyncPass } from '../../calendars/sync/pass.js';
import { defineTask } from '../define.js';

export const calendarSyncTask = defineTask<{ calendarId: string }>('calendar_sync', async ({ calendarId }, { deps, log }) => {
  await runSyncPass(deps, calendarId, log.child({ calendar_id: calendarId }));
});
