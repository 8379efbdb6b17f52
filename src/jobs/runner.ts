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

let cronRejectionsTolerated = false;

/**
 * graphile-worker 0.16 derives `cron.promise.finally(…)` and never handles it, so a cron loop failing on a lost
 * database (ECONNREFUSED while PostgreSQL restarts) is an unhandled rejection, which kills the process. Those are
 * logged (the runner is restarted by the supervision below); any other unhandled rejection still crashes.
 */
function tolerateCronRejections(log: Deps['log']): void {
  if (cronRejectionsTolerated) return;
  cronRejectionsTolerated = true;
  process.on('unhandledRejection', (reason) => {
    if (/graphile-worker[\\/](dist|src)[\\/]cron/.test(String((reason as Error | null)?.stack ?? ''))) {
      log.warn({ err: reason }, 'graphile-worker cron stopped on a database error');
      return;
    }
    throw reason;
  });
}

export async function startWorker(deps: Deps, extraTasks: TaskDefinition<any>[] = []): Promise<WorkerHandle> {
  tolerateCronRejections(deps.log);
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
  // A worker that could not record a job's outcome (database gone) ends, leaving that job locked under its id while
  // this process lives on: give the id up so the lock recovery (here or elsewhere) frees the job.
  events.on('worker:fatalError', ({ worker }) => {
    workerIds.splice(workerIds.indexOf(worker.workerId) >>> 0, 1);
    void recovery?.forget(worker.workerId);
  });
  const log = deps.log.child({ component: 'graphile-worker' });
  let recovery: LockRecovery | null = null;
  const start = () =>
    run({
      events,
      pgPool: deps.pool,
      taskList,
      concurrency: deps.config.WORKER_CONCURRENCY,
      pollInterval: deps.config.WORKER_POLL_INTERVAL_MS,
      noHandleSignals: true,
      logger: graphileLogger(deps),
      parsedCronItems: parseCronItems(cronEntries.map(([match, task]) => ({ task: task.name, match, identifier: task.name }))),
    });
  let runner: Runner = await start();
  let stopping = false;
  recovery = new LockRecovery(deps.pool, deps.log.child({ component: 'job-lock-recovery' }), () => workerIds);
  await recovery.start();

  // graphile-worker gives up when the database goes away at the wrong moment (its cron loop, or a worker failing to
  // record a job's outcome); its runner promise then rejects. Start a new runner instead of running on without
  // jobs (or crashing on the unhandled rejection); the jobs the old one held are freed by the lock recovery.
  const supervise = (r: Runner) => {
    r.promise.catch(async (err: unknown) => {
      if (stopping) return;
      log.error({ err }, 'graphile-worker stopped on an error; starting it again');
      await r.stop().catch(() => undefined);
      while (!stopping) {
        try {
          await new Promise((ok) => setTimeout(ok, 1000));
          if (stopping) return;
          runner = await start();
          await recovery!.lockNewWorkers();
          supervise(runner);
          return;
        } catch (e) {
          log.warn({ err: e }, 'graphile-worker restart failed; retrying');
        }
      }
    });
  };
  supervise(runner);
  return {
    async stop() {
      stopping = true;
      await runner.stop().catch((err: unknown) => log.warn({ err }, 'graphile-worker stop failed'));
      await recovery!.stop();
    },
  };
}
