// Early launches (docs/bots.md "Early launches"): a burst larger than a process can launch at its due instant is
// spread over the window before it at the measured launch rate, so the bots reach the runtime by their due time —
// never earlier than BOT_DISPATCH_MAX_EARLY_MS, and each launch still carries the bot's exact join_at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planLaunches } from '../../src/scheduling/dispatch/launch-plan.js';
import { createRuntimeRegistry } from '../../src/scheduling/dispatch/service.js';
import { DispatchEngine } from '../../src/scheduling/dispatch/engine.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';
import { startLaunchReceiver, waitFor, type LaunchReceiver } from './fixtures.js';

const MAX_EARLY_MS = 8000;
let ctx: TestContext;
let receiver: LaunchReceiver;
let engine: DispatchEngine;

beforeAll(async () => {
  receiver = await startLaunchReceiver();
  receiver.delayMs = 20; // with 2 launches in flight: at most ~100 launches/s
  ctx = await createTestContext({
    BOT_RUNTIME: 'http', BOT_RUNTIME_HTTP_URL: receiver.url, BOT_DISPATCH_LEAD_MS: '0', BOT_LAUNCH_CONCURRENCY: '2',
    BOT_DISPATCH_MAX_EARLY_MS: String(MAX_EARLY_MS), BOT_ARM_INTERVAL_MS: '500', BOT_SWEEP_INTERVAL_MS: '100',
  });
  engine = new DispatchEngine(ctx.deps, createRuntimeRegistry(ctx.deps));
  await engine.start();
});
afterAll(async () => {
  await engine?.stop();
  await ctx?.close();
  await receiver?.close();
});

async function burst(workspaceId: string, n: number, due: Date): Promise<void> {
  await ctx.deps.pool.query(
    `INSERT INTO bots (workspace_id, meeting_url, meeting_platform, join_at, dispatch_at)
     SELECT $1, 'https://meet.google.com/abc-defg-hij', 'google_meet', $2, $2 FROM generate_series(1, $3)`,
    [workspaceId, due, n],
  );
  await ctx.deps.pool.query(`SELECT pg_notify('rollcall_bots', 'bulk')`);
}

describe('launch plan', () => {
  it('starts a lone bot at its due time and spreads a burst before it, capped by the maximum early window', () => {
    expect(planLaunches([{ id: 'a', dueMs: 10_000 }], 100, 5000)).toEqual([{ id: 'a', dueMs: 10_000, startMs: 10_000 }]);
    const burst = Array.from({ length: 1000 }, (_, i) => ({ id: `b${i}`, dueMs: 100_000 }));
    const plan = planLaunches(burst, 100, 5000);
    expect(plan.at(-1)!.startMs).toBe(100_000);
    expect(plan.at(-2)!.startMs).toBe(99_990);
    expect(Math.min(...plan.map((p) => p.startMs))).toBe(95_000); // 1000 bots at 100/s would need 10 s
    expect(planLaunches(burst, 100, 0).every((p) => p.startMs === 100_000)).toBe(true);
  });
});

describe('early launches', () => {
  it('launches 300 bots due at once through a slow pool by their due time, none earlier than the maximum', async () => {
    const ws = await createWorkspace(ctx.deps);
    // A first burst due now lets the process measure its launch rate.
    await burst(ws.id, 100, new Date(Date.now() + 500));
    await waitFor('warm-up launches', async () => receiver.launches.size >= 100, 60_000);

    const due = new Date(Date.now() + MAX_EARLY_MS + 4000);
    const ws2 = await createWorkspace(ctx.deps);
    await burst(ws2.id, 300, due);
    const ids = (await ctx.deps.pool.query<{ id: string }>('SELECT id FROM bots WHERE workspace_id = $1', [ws2.id])).rows.map((r) => r.id);
    await waitFor('300 launches', async () => ids.every((id) => receiver.launches.has(id)), 60_000);

    const lateness = ids.map((id) => receiver.receivedAt.get(id)! - due.getTime()).sort((a, b) => a - b);
    // The receiver's clock is this process's; the engine plans on the database clock (same host): 100 ms slack.
    expect(lateness[0]).toBeGreaterThan(-MAX_EARLY_MS - 100);
    expect(lateness[0]).toBeLessThan(-1000); // launched early: 300 bots at ≤ 100/s cannot all start at the instant
    expect(lateness[Math.floor(0.9 * lateness.length)]).toBeLessThan(1000); // without early launches: ~2.7 s
    const early = await ctx.deps.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bots WHERE workspace_id = $1 AND dispatched_at < dispatch_at - make_interval(secs => $2::float8 / 1000)`,
      [ws2.id, MAX_EARLY_MS + 50],
    );
    expect(early.rows[0].n).toBe(0);
    expect(ids.every((id) => receiver.bodies.get(id).join_at === due.toISOString())).toBe(true);
    expect(ids.every((id) => receiver.launches.get(id) === 1)).toBe(true);
  }, 120_000);
});
