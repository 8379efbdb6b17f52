// Delivery against real receivers: signatures verified with the official svix and standardwebhooks packages,
// retries on the configured schedule through every kind of outage, exactly one success per message, stable ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { withTransaction } from '../../src/db/pool.js';
import { startWorker, type WorkerHandle } from '../../src/jobs/runner.js';
import { emitWebhook } from '../../src/webhooks/emit.js';
import { closeSender } from '../../src/webhooks/sender-registry.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';
import { addEndpoint, deliveryState, emit, gaps, headersOf } from './helpers.js';
import { startReceiver, waitFor, type Receiver } from './receiver.js';

let ctx: TestContext;
let worker: WorkerHandle;
const receivers: Receiver[] = [];

// Attempts at 0, +1 s, +2 s, +2 s, +2 s, +2 s: short enough for tests, uneven enough to show the schedule is followed.
const SCHEDULE = [0, 1, 2, 2, 2, 2];

beforeAll(async () => {
  ctx = await createTestContext({
    WORKER_POLL_INTERVAL_MS: '100',
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    WEBHOOK_RETRY_SCHEDULE: SCHEDULE.join(','),
    WEBHOOK_RETRY_JITTER_PERCENT: '0',
    WEBHOOK_TIMEOUT_MS: '1000',
    WEBHOOK_RETRY_AFTER_MAX_SECONDS: '3',
    WEBHOOK_SECRET_ROTATION_OVERLAP_SECONDS: '3600',
  });
  worker = await startWorker(ctx.deps);
});
afterAll(async () => {
  await worker.stop();
  await closeSender(ctx.deps);
  for (const r of receivers) await r.close();
  await ctx.close();
});

async function receiver(port = 0): Promise<Receiver> {
  const r = await startReceiver(port);
  receivers.push(r);
  return r;
}

const calendarUpdate = (n: number) => ({ event: 'calendar.update', data: { calendar_id: `00000000-0000-4000-8000-00000000000${n}` } });

describe('webhook delivery', () => {
  it('sends the exact payload with both header families, verifiable by svix and standardwebhooks', async () => {
    const ws = await createWorkspace(ctx.deps);
    const rx = await receiver();
    const ep = await addEndpoint(ctx.deps, ws.id, { url: rx.url });
    const data = { calendar_id: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a', last_updated_ts: '2025-01-04T14:13:20.123000+00:00' };
    const id = await emit(ctx.deps, { workspaceId: ws.id, event: 'calendar.sync_events', data });
    const req = await waitFor(() => rx.requests[0]);
    expect(req.body).toBe(`{"event":"calendar.sync_events","data":${JSON.stringify(data)}}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['user-agent']).toMatch(/rollcall/);
    expect(req.headers['webhook-id']).toBe(id);
    expect(id).toMatch(/^msg_[0-9A-Za-z]{27}$/);
    for (const name of ['id', 'timestamp', 'signature']) expect(req.headers[`svix-${name}`]).toBe(req.headers[`webhook-${name}`]);
    expect(Math.abs(Number(req.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    const h = headersOf(req.headers);
    expect(new SvixWebhook(ep.secret).verify(req.body, h)).toEqual({ event: 'calendar.sync_events', data });
    expect(new StandardWebhook(ep.secret).verify(req.body, h)).toEqual({ event: 'calendar.sync_events', data });
    // A wrong secret or a changed body fails verification: the check above is not vacuous.
    expect(() => new SvixWebhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(req.body, h)).toThrow();
    expect(() => new StandardWebhook(ep.secret).verify(req.body.replace('sync', 'SYNC'), h)).toThrow();
    await waitFor(async () => (await deliveryState(ctx.deps, id))[0]?.status === 'succeeded');
    const metrics = await ctx.deps.metrics.registry.metrics();
    expect(metrics).toMatch(/rollcall_webhook_attempts_total\{outcome="success"\} [1-9]/);
    expect(metrics).toMatch(/rollcall_webhook_deliveries_total\{status="succeeded"\} [1-9]/);
  });

  it('records nothing when the change that emitted rolls back, and refuses unknown event types', async () => {
    const ws = await createWorkspace(ctx.deps);
    await expect(
      withTransaction(ctx.deps.pool, async (tx) => {
        await emitWebhook(tx, { workspaceId: ws.id, ...calendarUpdate(9) });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const { rows } = await ctx.deps.pool.query('SELECT count(*)::int AS n FROM webhook_messages WHERE workspace_id = $1', [ws.id]);
    expect(rows[0].n).toBe(0);
    await expect(emit(ctx.deps, { workspaceId: ws.id, event: 'calendar.nope', data: {} })).rejects.toThrow(/unknown webhook event type/);
  });

  it('signs with both secrets during a rotation; each verifies with either library', async () => {
    const ws = await createWorkspace(ctx.deps);
    const rx = await receiver();
    const ep = await addEndpoint(ctx.deps, ws.id, { url: rx.url });
    const rotated = await ctx.app.inject({ method: 'POST', url: `/api/v2/webhook-endpoints/${ep.id}/secret/rotate/`, headers: { authorization: ws.auth } });
    const newSecret = rotated.json().secret as string;
    await emit(ctx.deps, { workspaceId: ws.id, ...calendarUpdate(1) });
    const req = await waitFor(() => rx.requests[0]);
    const entries = String(req.headers['webhook-signature']).split(' ');
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const h = headersOf(req.headers);
    for (const secret of [newSecret, ep.secret]) {
      expect(new SvixWebhook(secret).verify(req.body, h)).toEqual(calendarUpdate(1));
      expect(new StandardWebhook(secret).verify(req.body, h)).toEqual(calendarUpdate(1));
    }
    // Only the new one is used once the overlap ends.
    await ctx.deps.pool.query(`UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`, [ep.id]);
    await emit(ctx.deps, { workspaceId: ws.id, ...calendarUpdate(2) });
    const later = await waitFor(() => rx.requests[1]);
    expect(String(later.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(new SvixWebhook(newSecret).verify(later.body, headersOf(later.headers))).toEqual(calendarUpdate(2));
    expect(() => new SvixWebhook(ep.secret).verify(later.body, headersOf(later.headers))).toThrow();
  });

  it("sends a calendar's events to its webhook_url, signed with the workspace secret, once when it equals an endpoint", async () => {
    const ws = await createWorkspace(ctx.deps);
    const rxCal = await receiver();
    const rxEp = await receiver();
    await addEndpoint(ctx.deps, ws.id, { url: rxEp.url });
    const calendarId = '11111111-1111-4111-8111-111111111111';
    await emit(ctx.deps, { workspaceId: ws.id, calendarId, calendarWebhookUrl: rxCal.url, event: 'calendar.update', data: { calendar_id: calendarId } });
    const req = await waitFor(() => rxCal.requests[0]);
    const secret = (await ctx.app.inject({ method: 'GET', url: '/api/v2/webhook-secret/', headers: { authorization: ws.auth } })).json().secret as string;
    expect(new SvixWebhook(secret).verify(req.body, headersOf(req.headers))).toEqual({ event: 'calendar.update', data: { calendar_id: calendarId } });
    expect(new StandardWebhook(secret).verify(req.body, headersOf(req.headers))).toBeTruthy();
    await waitFor(() => rxEp.requests[0]);
    expect(rxEp.requests[0].headers['webhook-id']).toBe(req.headers['webhook-id']);
    // webhook_url equal to an endpoint URL: one request, not two. Bot events never go to webhook_url.
    const id2 = await emit(ctx.deps, { workspaceId: ws.id, calendarId, calendarWebhookUrl: rxEp.url, event: 'calendar.update', data: { calendar_id: calendarId } });
    const id3 = await emit(ctx.deps, { workspaceId: ws.id, calendarId, calendarWebhookUrl: rxCal.url, event: 'bot.done', data: { data: { code: 'done', sub_code: null, updated_at: '2025-06-10T15:31:02.417000+00:00' }, bot: { id: 'b', metadata: {} } } });
    await waitFor(() => rxEp.requests.length >= 3);
    await new Promise((r) => setTimeout(r, 1000));
    expect(rxEp.requests.filter((r) => r.headers['webhook-id'] === id2)).toHaveLength(1);
    expect(rxCal.requests.map((r) => r.headers['webhook-id'])).not.toContain(id3);
    expect(rxCal.requests).toHaveLength(1);
  });

  it('honours event type filters and skips disabled endpoints', async () => {
    const ws = await createWorkspace(ctx.deps);
    const rxBot = await receiver();
    const rxOff = await receiver();
    await addEndpoint(ctx.deps, ws.id, { url: rxBot.url, event_types: ['bot.done'] });
    await addEndpoint(ctx.deps, ws.id, { url: rxOff.url, disabled: true });
    const cal = await emit(ctx.deps, { workspaceId: ws.id, ...calendarUpdate(3) });
    const bot = await emit(ctx.deps, { workspaceId: ws.id, event: 'bot.done', data: { data: { code: 'done', sub_code: null, updated_at: '2025-06-10T15:31:02.417000+00:00' }, bot: { id: 'b', metadata: {} } } });
    await waitFor(() => rxBot.requests[0]);
    expect(rxBot.requests[0].headers['webhook-id']).toBe(bot);
    expect(await deliveryState(ctx.deps, cal)).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect(rxOff.requests).toEqual([]);
    expect(rxBot.requests).toHaveLength(1);
  });

  it('survives connection refused, 500, a timeout and 429 with Retry-After: every message arrives, one success each, same id', async () => {
    const ws = await createWorkspace(ctx.deps);
    // A port with nobody listening: connection refused until the receiver comes up on it.
    const probe = await startReceiver();
    const port = probe.port;
    await probe.close();
    const url = `http://127.0.0.1:${port}/hook`;
    await addEndpoint(ctx.deps, ws.id, { url });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await emit(ctx.deps, { workspaceId: ws.id, ...calendarUpdate(i) }));
    // Two attempts refused (at 0 and +1 s), then the receiver is up but answers 500, hangs past the timeout, then 429.
    await waitFor(async () => (await Promise.all(ids.map((id) => deliveryState(ctx.deps, id)))).every(([d]) => d.recorded >= 2), 20_000, 'two refused attempts');
    const rx = await receiver(port);
    const plan = new Map<string, string[]>();
    rx.answer = (req) => {
      const id = String(req.headers['webhook-id']);
      const seen = plan.get(id) ?? [];
      const next = ['500', 'hang', '429'][seen.length] ?? '200';
      plan.set(id, [...seen, next]);
      if (next === '500') return { status: 500, body: 'boom' };
      if (next === 'hang') return 'hang';
      if (next === '429') return { status: 429, headers: { 'retry-after': '100' } };
      return { status: 200 };
    };
    await waitFor(async () => (await Promise.all(ids.map((id) => deliveryState(ctx.deps, id)))).every(([d]) => d.status === 'succeeded'), 40_000, 'all delivered');
    await new Promise((r) => setTimeout(r, 1500));
    for (const id of ids) {
      const got = rx.requests.filter((r) => r.headers['webhook-id'] === id);
      expect(plan.get(id)).toEqual(['500', 'hang', '429', '200']);
      expect(got).toHaveLength(4); // the 4 attempts after the refused ones; exactly one was answered 2xx
      const [d] = await deliveryState(ctx.deps, id);
      expect(d).toMatchObject({ status: 'succeeded', attempts: 6, recorded: 6 });
      // Gaps follow the schedule: 500 → +2 s; the hung attempt → its 1 s timeout + 2 s; 429 with Retry-After 100
      // (capped at WEBHOOK_RETRY_AFTER_MAX_SECONDS = 3, above the schedule's 2 s) → +3 s.
      const g = gaps(got.map((r) => r.at));
      expect(g[0]).toBeGreaterThanOrEqual(2 - 0.3);
      expect(g[1]).toBeGreaterThanOrEqual(1 + 2 - 0.3);
      expect(g[2]).toBeGreaterThanOrEqual(3 - 0.3);
      for (const x of g) expect(x).toBeLessThan(10);
    }
    const detail = (await ctx.app.inject({ method: 'GET', url: `/api/v2/webhook-messages/${ids[0]}/`, headers: { authorization: ws.auth } })).json();
    const attempts = detail.deliveries[0].attempts as { status: string; response_status: number | null; error: string | null; response_body: string | null }[];
    expect(attempts.map((a) => a.response_status)).toEqual([null, null, 500, null, 429, 200]);
    expect(attempts[0].error).toMatch(/ECONNREFUSED/);
    expect(attempts[2].response_body).toBe('boom');
    expect(attempts[3].error).toBe('timeout');
    expect(attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'succeeded']);
  }, 90_000);

  it('follows the schedule exactly when jitter is off, then marks the delivery failed and keeps every attempt', async () => {
    const ws = await createWorkspace(ctx.deps);
    const rx = await receiver();
    rx.answer = () => ({ status: 503, body: 'x'.repeat(10_000) });
    const ep = await addEndpoint(ctx.deps, ws.id, { url: rx.url });
    const id = await emit(ctx.deps, { workspaceId: ws.id, ...calendarUpdate(4) });
    await waitFor(async () => (await deliveryState(ctx.deps, id))[0]?.status === 'failed', 30_000, 'failed');
    expect(rx.requests).toHaveLength(SCHEDULE.length);
    const g = gaps(rx.requests.map((r) => r.at));
    SCHEDULE.slice(1).forEach((s, i) => {
      expect(g[i]).toBeGreaterThanOrEqual(s - 0.3);
      expect(g[i]).toBeLessThan(s + 3);
    });
    const detail = (await ctx.app.inject({ method: 'GET', url: `/api/v2/webhook-messages/${id}/`, headers: { authorization: ws.auth } })).json();
    expect(detail.deliveries[0]).toMatchObject({ status: 'failed', attempt_count: SCHEDULE.length, next_attempt_at: null, last_error: 'HTTP 503' });
    expect(detail.deliveries[0].attempts).toHaveLength(SCHEDULE.length);
    expect(detail.deliveries[0].attempts[0].response_body.length).toBe(4096);
    const listed = (await ctx.app.inject({ method: 'GET', url: `/api/v2/webhook-endpoints/${ep.id}/messages/?status=failed`, headers: { authorization: ws.auth } })).json();
    expect(listed.results.map((m: { message_id: string }) => m.message_id)).toEqual([id]);

    // Replay: the same message id goes out again with a fresh attempt budget.
    rx.answer = () => ({ status: 200 });
    const replay = await ctx.app.inject({ method: 'POST', url: `/api/v2/webhook-messages/${id}/replay/`, headers: { authorization: ws.auth } });
    expect(replay.json()).toEqual({ replayed: 1 });
    await waitFor(() => rx.requests.length > SCHEDULE.length);
    expect(rx.requests.at(-1)!.headers['webhook-id']).toBe(id);
    await waitFor(async () => (await deliveryState(ctx.deps, id))[0].status === 'succeeded');
  }, 60_000);

  it('recovers every failed message of an endpoint since a time', async () => {
    const ws = await createWorkspace(ctx.deps);
    const rx = await receiver();
    rx.answer = () => ({ status: 500 });
    const ep = await addEndpoint(ctx.deps, ws.id, { url: rx.url });
    const ids = [await emit(ctx.deps, { workspaceId: ws.id, ...calendarUpdate(5) }), await emit(ctx.deps, { workspaceId: ws.id, ...calendarUpdate(6) })];
    await waitFor(async () => (await Promise.all(ids.map((id) => deliveryState(ctx.deps, id)))).every(([d]) => d.status === 'failed'), 30_000, 'failed');
    rx.answer = () => ({ status: 200 });
    const before = rx.requests.length;
    const res = await ctx.app.inject({ method: 'POST', url: `/api/v2/webhook-endpoints/${ep.id}/recover/`, headers: { authorization: ws.auth }, payload: { since: new Date(Date.now() - 3_600_000).toISOString() } });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ recovered: 2 });
    await waitFor(async () => (await Promise.all(ids.map((id) => deliveryState(ctx.deps, id)))).every(([d]) => d.status === 'succeeded'), 20_000, 'recovered');
    expect(rx.requests.slice(before).map((r) => r.headers['webhook-id']).sort()).toEqual([...ids].sort());
  }, 60_000);
});
