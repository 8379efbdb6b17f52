// Three `rollcall worker` processes on one database; the one holding the most armed timers is killed with SIGKILL
// shortly before its bots are due. Every bot must still be launched, once per idempotency key.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorkspace, createTestContext, TEST_ENCRYPTION_KEY, type TestContext } from '../helpers/context.js';
import { runRollcall, waitForOutput, type RunningProcess } from '../helpers/process.js';
import { startLaunchReceiver, waitFor, type LaunchReceiver } from './fixtures.js';

const BOTS = 300;
let ctx: TestContext;
let receiver: LaunchReceiver;
const workers: RunningProcess[] = [];

beforeAll(async () => {
  receiver = await startLaunchReceiver();
  ctx = await createTestContext();
  const env = {
    DATABASE_URL: ctx.db.url, ROLLCALL_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, LOG_LEVEL: 'info',
    BOT_RUNTIME: 'http', BOT_RUNTIME_HTTP_URL: receiver.url, BOT_DISPATCH_LEAD_MS: '0',
    BOT_ARM_INTERVAL_MS: '500', BOT_SWEEP_INTERVAL_MS: '200', BOT_CLAIM_GRACE_MS: '1000', DATABASE_POOL_SIZE: '4', WORKER_CONCURRENCY: '2',
  };
  for (let i = 0; i < 3; i++) workers.push(runRollcall(['worker'], env));
  await Promise.all(workers.map((w) => waitForOutput(w, /dispatch engine started/, 90_000)));
}, 180_000);

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  await ctx?.close();
  await receiver?.close();
});

it('launches every bot once when a process holding armed timers is killed', async () => {
  const ws = await createWorkspace(ctx.deps);
  // Due 6–9 s from now: inside the arm horizon, so all are claimed and armed well before.
  const start = Date.now() + 6000;
  const ids = (await ctx.deps.pool.query<{ id: string }>(
    `INSERT INTO bots (workspace_id, meeting_url, meeting_platform, join_at, dispatch_at)
     SELECT $1, 'https://meet.google.com/abc-defg-hij', 'google_meet', t, t
       FROM (SELECT to_timestamp(($2::float8 + (g % 30) * 100) / 1000) AS t FROM generate_series(1, $3) g) s
     RETURNING id`,
    [ws.id, start, BOTS],
  )).rows.map((r) => r.id);
  await ctx.deps.pool.query(`SELECT pg_notify('rollcall_bots', 'bulk')`);

  const claims = await waitFor('all armed', async () => {
    const r = await ctx.deps.pool.query<{ claimed_by: string; n: number }>(
      `SELECT claimed_by, count(*)::int AS n FROM bots WHERE workspace_id = $1 AND claimed_by IS NOT NULL AND phase = 'scheduled' GROUP BY 1 ORDER BY 2 DESC`, [ws.id]);
    return r.rows.reduce((s, x) => s + x.n, 0) === BOTS ? r.rows : null;
  }, 30_000);
  const victimPid = Number(claims[0].claimed_by.split(':').at(-2));
  const victim = workers.find((w) => w.child.pid === victimPid)!;
  expect(victim).toBeDefined();
  await new Promise((r) => setTimeout(r, Math.max(0, start - Date.now() - 1000)));
  victim.child.kill('SIGKILL');
  await victim.exited;
  const heldByVictim = claims[0].n;
  expect(heldByVictim).toBeGreaterThan(0);

  await waitFor('every bot launched', async () => ids.every((id) => receiver.created.has(id)), 60_000);
  await waitFor('every launch recorded', async () =>
    (await ctx.deps.pool.query(`SELECT count(*)::int AS n FROM bots WHERE workspace_id = $1 AND phase = 'dispatched'`, [ws.id])).rows[0].n === BOTS, 30_000);
  const repeats = ids.filter((id) => (receiver.launches.get(id) ?? 0) > 1);
  process.stderr.write(`multi-process: victim held ${heldByVictim}/${BOTS} armed bots; repeated launch requests (same idempotency key): ${repeats.length}\n`);
  // A repeat can only come from a launch in flight when the process died; the key makes it harmless.
  expect(repeats.length).toBeLessThanOrEqual(Number(ctx.config.BOT_LAUNCH_CONCURRENCY));
  for (const id of ids) expect(receiver.bodies.get(id)?.idempotency_key).toBe(id);
}, 180_000);
