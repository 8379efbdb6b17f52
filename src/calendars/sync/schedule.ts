// Sync jobs of one calendar all run in the calendar's own graphile-worker queue, so two passes over a calendar
// never overlap. Two job keys: `sync:<id>` for "something changed" (notifications, API), whose run time is kept
// when more notifications arrive (a burst costs one pass; one arriving while a pass runs queues exactly one more,
// because the running job no longer holds the key), and `next:<id>` for the scheduled safety-net/renewal pass.
import { updateCalendar } from '../../db/calendars.js';
import type { Queryable } from '../../db/pool.js';
import { enqueue } from '../../jobs/enqueue.js';
import { calendarSyncTask } from '../../jobs/tasks/calendar-sync.js';

export const calendarQueue = (calendarId: string): string => `calendar:${calendarId}`;

/** A change to pick up: sync after `delayMs` (the push debounce), joining a pending pass if there is one. */
export async function requestSync(db: Queryable, calendarId: string, delayMs = 0): Promise<void> {
  await enqueue(db, calendarSyncTask, { calendarId }, {
    jobKey: `sync:${calendarId}`,
    jobKeyMode: 'preserve_run_at',
    queueName: calendarQueue(calendarId),
    runAt: new Date(Date.now() + delayMs),
    maxAttempts: 10,
  });
}

/** A sync wanted at once (V1 `meetings/refresh`): like requestSync, but a debounced pending pass is pulled forward. */
export async function requestSyncNow(db: Queryable, calendarId: string): Promise<void> {
  await enqueue(db, calendarSyncTask, { calendarId }, {
    jobKey: `sync:${calendarId}`,
    jobKeyMode: 'replace',
    queueName: calendarQueue(calendarId),
    runAt: new Date(),
    maxAttempts: 10,
  });
}

/** The calendar's next scheduled pass (safety net, poll, channel renewal, backoff end). */
export async function scheduleNextSync(db: Queryable, calendarId: string, at: Date): Promise<void> {
  await enqueue(db, calendarSyncTask, { calendarId }, {
    jobKey: `next:${calendarId}`,
    jobKeyMode: 'replace',
    queueName: calendarQueue(calendarId),
    runAt: at,
    maxAttempts: 10,
  });
  await updateCalendar(db, calendarId, { next_sync_at: at });
}

/** Forgets the calendar's pending passes (deleted calendar). A running pass finds the calendar gone. */
export async function cancelSyncs(db: Queryable, calendarId: string): Promise<void> {
  await db.query('SELECT graphile_worker.remove_job($1), graphile_worker.remove_job($2)', [`sync:${calendarId}`, `next:${calendarId}`]);
}
