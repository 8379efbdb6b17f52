// Regression (found by test/reliability/crash/kills.test.ts): a job and its named queue locked by a worker process
// that was SIGKILLed stayed locked for graphile-worker's 4 hours, so that calendar's syncs stalled. A job held by
// a dead worker id is now unlocked and runs; one held by a live process (its advisory lock held) is left alone.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defineTask } from '../../src/jobs/define.js';
import { enqueue } from '../../src/jobs/enqueue.js';
import { deadWorkerIds, LOCK_NAMESPACE } from '../../src/jobs/lock-recovery.js';
import { startWorker, type WorkerHandle } from '../../src/jobs/runner.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let worker: WorkerHandle | null = null;
let alive: pg.Client;
const ran: string[] = [];

const record = defineTask<{ label: string }>('test_lock_recovery', async (payload) => {
  ran.push(payload.label);
});

beforeAll(async () => {
  ctx = await createTestContext({ WORKER_POLL_INTERVAL_MS: '200' });
  alive = new pg.Client({ connectionString: ctx.db.url });
  await alive.connect();
});
afterAll(async () => {
  await worker?.stop();
  await alive?.end().catch(() => undefined);
  await ctx.close();
});

async function lockAs(label: string, workerId: string): Promise<void> {
  await enqueue(ctx.deps.pool, record, { label }, { queueName: `queue:${label}` });
  // What a worker that died mid-job leaves behind: the job and its queue locked a while ago.
  await ctx.deps.pool.query(
    `UPDATE graphile_worker._private_jobs SET locked_by = $2, locked_at = now() - interval '1 minute', attempts = 1
      WHERE payload->>'label' = $1`,
    [label, workerId],
  );
  await ctx.deps.pool.query(
    `UPDATE graphile_worker._private_job_queues SET locked_by = $2, locked_at = now() - interval '1 minute' WHERE queue_name = $1`,
    [`queue:${label}`, workerId],
  );
}

it('runs the jobs a dead worker held, and leaves a live worker\'s jobs locked', async () => {
  await alive.query('SELECT pg_advisory_lock($1, hashtext($2) & 2147483647)', [LOCK_NAMESPACE, 'worker-alive']);
  await lockAs('dead', 'worker-dead');
  await lockAs('busy', 'worker-alive');
  expect(await deadWorkerIds(ctx.deps.pool)).toEqual(['worker-dead']);

  worker = await startWorker(ctx.deps, [record]);
  const end = Date.now() + 30_000;
  while (!ran.includes('dead') && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  expect(ran).toEqual(['dead']);
  const busy = await ctx.deps.pool.query(`SELECT locked_by FROM graphile_worker._private_jobs WHERE payload->>'label' = 'busy'`);
  expect(busy.rows[0].locked_by).toBe('worker-alive');

  // Once that process is gone too, its job runs.
  await alive.end();
  const end2 = Date.now() + 30_000;
  while (!ran.includes('busy') && Date.now() < end2) await new Promise((r) => setTimeout(r, 100));
  expect(ran).toEqual(['dead', 'busy']);
}, 90_000);
