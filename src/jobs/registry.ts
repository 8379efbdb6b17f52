// Every task and cron entry the worker role runs. Add a task here after writing its file under tasks/.
import type { TaskDefinition } from './define.js';
import { purgeIdempotencyKeysTask } from './tasks/purge-idempotency-keys.js';
import { calendarStopPushTask } from './tasks/calendar-stop-push.js';
import { calendarSyncSchedulerTask } from './tasks/calendar-sync-scheduler.js';
import { calendarSyncTask } from './tasks/calendar-sync.js';
import { purgeCalendarEventsTask } from './tasks/purge-calendar-events.js';
import { deliverWebhookTask } from './tasks/deliver-webhook.js';

export const tasks: TaskDefinition<any>[] = [purgeIdempotencyKeysTask, deliverWebhookTask, calendarSyncTask, calendarStopPushTask, calendarSyncSchedulerTask, purgeCalendarEventsTask];

/** graphile-worker crontab entries: [cron pattern, task]. */
export const cronEntries: [string, TaskDefinition<any>][] = [['17 * * * *', purgeIdempotencyKeysTask], ['* * * * *', calendarSyncSchedulerTask], ['41 3 * * *', purgeCalendarEventsTask]];
