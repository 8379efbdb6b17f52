// Enqueues a job with graphile-worker's SQL API on the given connection, so a job added inside a transaction
// exists exactly when the change that caused it commits.
import type { Queryable } from '../db/pool.js';
import type { TaskDefinition } from './define.js';

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** Deduplicates pending jobs: a second add with the same key replaces (or per mode, keeps) the first. */
  jobKey?: string;
  jobKeyMode?: 'replace' | 'preserve_run_at' | 'unsafe_dedupe';
  queueName?: string;
  priority?: number;
}

export async function enqueue<P>(db: Queryable, task: TaskDefinition<P>, payload: P, opts: EnqueueOptions = {}): Promise<void> {
  await db.query(
    `SELECT graphile_worker.add_job($1, $2::json, queue_name => $3, run_at => $4, max_attempts => $5,
                                    job_key => $6, priority => $7, job_key_mode => $8)`,
    [
      task.name,
      JSON.stringify(payload ?? {}),
      opts.queueName ?? null,
      opts.runAt ?? null,
      opts.maxAttempts ?? null,
      opts.jobKey ?? null,
      opts.priority ?? null,
      opts.jobKeyMode ?? 'replace',
    ],
  );
}
