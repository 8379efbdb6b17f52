// The disable rule: an endpoint failing continuously for WEBHOOK_DISABLE_AFTER_SECONDS is disabled and a
// webhook_endpoint.disabled message goes to the workspace's other endpoints; a success resets the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook as SvixWebhook } from 'svix';
import { startWorker, type WorkerHandle } from '../../src/jobs/runner.js';
import { closeSender } from '../../src/webhooks/sender-registry.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';
import { addEndpoint, deliveryState, emit, headersOf } from './helpers.js';
import { startReceiver, waitFor, type Receiver } from './receiver.js';

let ctx: TestContext;
let worker: WorkerHandle;
const receivers: Receiver[] = [];

beforeAll(async () => {
  ctx = await createTestContext({
    WORKER_POLL_INTERVAL_MS: '100',
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    WEBHOOK_RETRY_SCHEDULE: '0,1,1,1,1,1,1',
    WEBHOOK_RETRY_JITTER_PERCENT: '0',
    WEBHOOK_DISABLE_AFTER_SECONDS: '3',
  });
  worker = await startWorker(ctx.deps);
});
afterAll(async () => {
  await worker.stop();
  await closeSender(ctx.deps);
  for (const r of receivers) await r.close();
  await ctx.close();
});

describe('endpoint disabling', () => {
  it('disables an endpoint failing for the configured time and reports it to the other endpoints', async () => {
    const ws = await createWorkspace(ctx.deps);
    const bad = await startReceiver();
    const good = await startReceiver();
    receivers.push(bad, good);
    bad.answer = () => ({ status: 500 });
    const badEp = await addEndpoint(ctx.deps, ws.id, { url: bad.url });
    const goodEp = await addEndpoint(ctx.deps, ws.id, { url: good.url, event_types: ['webhook_endpoint.disabled'] });
    const id = await emit(ctx.deps, { workspaceId: ws.id, event: 'calendar.update', data: { calendar_id: 'c' } });
    const req = await waitFor(() => good.requests[0], 20_000, 'disabled message');
    const body = new SvixWebhook(goodEp.secret).verify(req.body, headersOf(req.headers)) as { event: string; data: Record<string, string> };
    expect(body.event).toBe('webhook_endpoint.disabled');
    expect(body.data).toMatchObject({ endpoint_id: badEp.id, url: bad.url });
    expect(body.data.failing_since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    const ep = (await ctx.app.inject({ method: 'GET', url: `/api/v2/webhook-endpoints/${badEp.id}/`, headers: { authorization: ws.auth } })).json();
    expect(ep).toMatchObject({ disabled: true, disabled_reason: 'failing' });
    // The pending delivery stops at the next due attempt, with no request sent.
    await waitFor(async () => (await deliveryState(ctx.deps, id))[0].status === 'failed', 10_000, 'delivery failed');
    const sent = bad.requests.length;
    expect(sent).toBeGreaterThanOrEqual(4);
    expect(sent).toBeLessThan(7);
    await new Promise((r) => setTimeout(r, 1500));
    expect(bad.requests.length).toBe(sent);

    // Re-enabling resets the failure window; recover sends the failed message.
    bad.answer = () => ({ status: 200 });
    await ctx.app.inject({ method: 'PATCH', url: `/api/v2/webhook-endpoints/${badEp.id}/`, headers: { authorization: ws.auth }, payload: { disabled: false } });
    const rec = await ctx.app.inject({ method: 'POST', url: `/api/v2/webhook-endpoints/${badEp.id}/recover/`, headers: { authorization: ws.auth }, payload: { since: '2020-01-01' } });
    expect(rec.json()).toEqual({ recovered: 1 });
    await waitFor(async () => (await deliveryState(ctx.deps, id))[0].status === 'succeeded', 10_000, 'recovered');
    expect(bad.requests.at(-1)!.headers['webhook-id']).toBe(id);
  }, 60_000);

  it('does not disable an endpoint whose failures are interrupted by successes', async () => {
    const ws = await createWorkspace(ctx.deps);
    const flaky = await startReceiver();
    receivers.push(flaky);
    let n = 0;
    flaky.answer = () => (n++ % 3 === 2 ? { status: 200 } : { status: 500 });
    const ep = await addEndpoint(ctx.deps, ws.id, { url: flaky.url });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(await emit(ctx.deps, { workspaceId: ws.id, event: 'calendar.update', data: { calendar_id: String(i) } }));
      await new Promise((r) => setTimeout(r, 1500));
    }
    await waitFor(async () => (await Promise.all(ids.map((id) => deliveryState(ctx.deps, id)))).every(([d]) => d.status !== 'pending'), 30_000, 'settled');
    const row = (await ctx.app.inject({ method: 'GET', url: `/api/v2/webhook-endpoints/${ep.id}/`, headers: { authorization: ws.auth } })).json();
    expect(row.disabled).toBe(false);
  }, 60_000);
});
