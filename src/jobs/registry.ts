// Every task and cron entry the worker role runs. Add a task here after writing its file under tasks/.
import type { TaskDefinition } from './define.js';
import { purgeIdempotencyKeysTask } from './tasks/purge-idempotency-keys.js';

export const tasks: TaskDefinition<any>[] = [purgeIdempotencyKeysTask];

/** graphile-worker crontab entries: [cron pattern, task]. */
export const cronEntries: [string, TaskDefinition<any>][] = [['17 * * * *', purgeIdempotencyKeysTask]];
