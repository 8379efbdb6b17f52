// A task is one file under jobs/tasks/: its payload type and handler, declared with defineTask.
import type { JobHelpers } from 'graphile-worker';
import type { Deps } from '../deps.js';
import type { Logger } from '../observability/logger.js';

export interface JobContext {
  deps: Deps;
  log: Logger;
  helpers: JobHelpers;
  /** 1 on the first attempt. */
  attempt: number;
}

export interface TaskDefinition<P> {
  name: string;
  handler(payload: P, ctx: JobContext): Promise<void>;
}

export function defineTask<P>(name: string, handler: (payload: P, ctx: JobContext) => Promise<void>): TaskDefinition<P> {
  return { name, handler };
}
