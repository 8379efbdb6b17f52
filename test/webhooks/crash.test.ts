// At-least-once across a crash: the worker process is SIGKILLed while its request is at the receiver (sent, not yet
// recorded). After a restart the message is delivered again with the same webhook-id; nothing is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook as SvixWebhook } from 'svix';
import { createTestContext, createWorkspace, TEST_ENCRYPTION_KEY, type TestContext } from '../helpers/context.js';
import { runRollcall, waitForOutput, type RunningProcess } from '../helpers/process.js';
import { addEndpoint, deliveryState, emit, headersOf } from './helpers.js';
import { startReceiver, waitFor, type Receiver } from './receiver.js';

let ctx: TestContext;
let rx: Receiver;
const children: RunningProcess[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  rx = await startReceiver();
});
afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  await rx.close();
  await ctx.close();
});

function startWorkerProcess(): RunningProcess {
  const p = runRollcall(['worker'], {
    DATABASE_URL: ctx.db.url,
    ROLLCALL_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    WORKER_POLL_INTERVAL_MS: '200',
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_RETRY_JITTER_PERCENT: '0',
    LOG_LEVEL: 'debug',
  });
  children.push(p);
  return p;
}

describe('crash between sending and recording', () => {
  it('redelivers with the same webhook-id after SIGKILL and restart', async () => {
    const ws = await createWorkspace(ctx.deps);
    const ep = await addEndpoint(ctx.deps, ws.id, { url: rx.url });
    const first = startWorkerProcess();
    // The first request kills the worker before it can answer, so the attempt is never recorded.
    rx.answer = (_req, index) => {
      if (index === 0) {
        first.child.kill('SIGKILL');
        return 'hang';
      }
      return { status: 200 };
    };
    const id = await emit(ctx.deps, { workspaceId: ws.id, event: 'calendar.update', data: { calendar_id: 'crash' } });
    await waitFor(() => rx.requests[0], 60_000, 'first request');
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    const [before] = await deliveryState(ctx.deps, id);
    expect(before).toMatchObject({ status: 'pending', attempts: 1, recorded: 0 });

    const second = startWorkerProcess();
    await waitForOutput(second, /worker|started|listening/i, 60_000);
    await waitFor(async () => (await deliveryState(ctx.deps, id))[0].status === 'succeeded', 60_000, 'redelivery');
    expect(rx.requests).toHaveLength(2);
    expect(rx.requests[1].headers['webhook-id']).toBe(id);
    expect(rx.requests[1].body).toBe(rx.requests[0].body);
    expect(new SvixWebhook(ep.secret).verify(rx.requests[1].body, headersOf(rx.requests[1].headers))).toEqual({ event: 'calendar.update', data: { calendar_id: 'crash' } });
    const [after] = await deliveryState(ctx.deps, id);
    expect(after).toMatchObject({ status: 'succeeded', attempts: 2, recorded: 1 });
    second.child.kill('SIGTERM');
    await second.exited;
  }, 120_000);
});
