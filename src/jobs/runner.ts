// The worker role: graphile-worker on the shared pool, running the registered tasks and cron entries, with job
// metrics. Stopping waits for running jobs (graphile-worker's graceful stop) within the shutdown budget.
import { EventEmitter } from 'node:events';
import { Logger as GraphileLogger, parseCronItems, run, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import type { Deps } from '../deps.js';
import type { TaskDefinition } from './define.js';
import { LockRecovery } from './lock-recovery.js';
import { cronEntries, tasks as registeredTasks } from './registry.js';

export interface WorkerHandle {
  stop(): Promise<void>;
}

function graphileLogger(deps: Deps): GraphileLogger {
  const log = deps.log.child({ component: 'graphile-worker' });
  return new GraphileLogger(() => (level, message, meta) => {
    const fn = level === 'error' ? log.error : level === 'warning' ? log.warn : log.debug;
    fn.call(log, meta ?? {}, message);
  });
}

export async function startWorker(deps: Deps, extraTasks: TaskDefinition<any>[] = []): Promise<WorkerHandle> {
  const taskList: TaskList = {};
  for (const task of [...registeredTasks, ...extraTasks]) {
    taskList[task.name] = async (payload, helpers) => {
      const started = process.hrtime.bigint();
      const log = deps.log.child({ job: helpers.job.id, task: task.name });
      let outcome = 'success';
      try {
        await task.handler(payload as never, { deps, log, helpers, attempt: helpers.job.attempts });
      } catch (err) {
        outcome = 'failure';
        log.warn({ err, attempt: helpers.job.attempts }, 'job failed; graphile-worker will retry');
        throw err;
      } finally {
        deps.metrics.jobs.labels(task.name, outcome).observe(Number(process.hrtime.bigint() - started) / 1e9);
      }
    };
  }
  // Worker ids of this process, announced to the others through advisory locks (jobs/lock-recovery.ts).
  const workerIds: string[] = [];
  const events: WorkerEvents = new EventEmitter();
  events.on('worker:create', ({ worker }) => workerIds.push(worker.workerId));
  const runner: Runner = await run({
    events,
    pgPool: deps.pool,
    taskList,
    concurrency: deps.config.WORKER_CONCURRENCY,
    pollInterval: deps.config.WORKER_POLL_INTERVAL_MS,
    noHandleSignals: true,
    logger: graphileLogger(deps),
    parsedCronItems: parseCronItems(cronEntries.map(([match, task]) => ({ task: task.name, match, identifier: task.name }))),
  });
  const recovery = new LockRecovery(deps.pool, deps.log.child({ component: 'job-lock-recovery' }), () => workerIds);
  await recovery.start();
  return {
    async stop() {
      await runner.stop();
      await recovery.stop();
    },
  };
}
