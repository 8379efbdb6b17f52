import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../src/db/pool.js';
import { defineTask } from '../../src/jobs/define.js';
import { enqueue } from '../../src/jobs/enqueue.js';
import { startWorker, type WorkerHandle } from '../../src/jobs/runner.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let worker: WorkerHandle | null = null;

const record = defineTask<{ label: string; sleepMs?: number }>('test_record', async (payload, { deps }) => {
  if (payload.sleepMs) await new Promise((r) => setTimeout(r, payload.sleepMs));
  await deps.pool.query('INSERT INTO job_log (label) VALUES ($1)', [payload.label]);
});

async function labels(): Promise<string[]> {
  return (await ctx.deps.pool.query('SELECT label FROM job_log ORDER BY id')).rows.map((r) => r.label);
}

async function waitFor(cond: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  ctx = await createTestContext({ WORKER_POLL_INTERVAL_MS: '200' });
  await ctx.deps.pool.query('CREATE TABLE job_log (id serial PRIMARY KEY, label text NOT NULL)');
});
afterAll(async () => {
  await worker?.stop();
  await ctx.close();
});

describe('jobs', () => {
  it('enqueues inside the caller transaction: a rolled-back job never exists, a committed one runs', async () => {
    await withTransaction(ctx.deps.pool, async (tx) => {
      await enqueue(tx, record, { label: 'committed' });
    });
    await expect(
      withTransaction(ctx.deps.pool, async (tx) => {
        await enqueue(tx, record, { label: 'rolled-back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    worker = await startWorker(ctx.deps, [record]);
    await waitFor(async () => (await labels()).includes('committed'));
    await new Promise((r) => setTimeout(r, 500));
    expect(await labels()).toEqual(['committed']);
  });

  it('deduplicates pending jobs by job key', async () => {
    await worker!.stop();
    worker = null;
    await enqueue(ctx.deps.pool, record, { label: 'first' }, { jobKey: 'same', runAt: new Date(Date.now() + 500) });
    await enqueue(ctx.deps.pool, record, { label: 'second' }, { jobKey: 'same', runAt: new Date(Date.now() + 500) });
    worker = await startWorker(ctx.deps, [record]);
    await waitFor(async () => (await labels()).includes('second'));
    await new Promise((r) => setTimeout(r, 800));
    expect((await labels()).filter((l) => l === 'first' || l === 'second')).toEqual(['second']);
  });

  it('finishes a running job on graceful stop', async () => {
    await enqueue(ctx.deps.pool, record, { label: 'slow', sleepMs: 1500 });
    await waitFor(async () => (await ctx.deps.pool.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL`)).rows[0].n > 0);
    await worker!.stop();
    worker = null;
    expect(await labels()).toContain('slow');
  });
});
