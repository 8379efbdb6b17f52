// Status changes from each runtime reach status_changes and the webhook outbox as Recall's `bot.*` events:
// simulated (timers), http (signed callbacks), recall (a Recall-shaped stub server and signed status webhooks).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../src/webhooks/signing.js';
import { createRuntimeRegistry } from '../../src/scheduling/dispatch/service.js';
import { DispatchEngine } from '../../src/scheduling/dispatch/engine.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';
import { api, startLaunchReceiver, waitFor, type LaunchReceiver } from '../scheduling/fixtures.js';

const SECRET = 'whsec_' + Buffer.alloc(32, 5).toString('base64');
let ctx: TestContext;
let engine: DispatchEngine;
let receiver: LaunchReceiver;
let recall: { server: Server; url: string; created: any[]; headers: any[] };

beforeAll(async () => {
  receiver = await startLaunchReceiver();
  const created: any[] = [];
  const headers: any[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/api/v1/bot/') {
        created.push(JSON.parse(body));
        headers.push(req.headers);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `recall-${created.length}`, ...JSON.parse(body) }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  recall = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, created, headers };
  ctx = await createTestContext({
    RATE_LIMIT_ENABLED: 'false', BOT_DISPATCH_LEAD_MS: '0', BOT_SWEEP_INTERVAL_MS: '100',
    SIMULATED_BOT_STEP_MS: '50', SIMULATED_BOT_CALL_MS: '100', SIMULATED_BOT_POOL_SIZE: '1',
  });
  engine = new DispatchEngine(ctx.deps, createRuntimeRegistry(ctx.deps));
  await engine.start();
});
afterAll(async () => {
  await engine?.stop();
  await ctx?.close();
  await receiver?.close();
  await new Promise((ok) => recall?.server.close(ok));
});

async function outbox(botId: string): Promise<any[]> {
  const r = await ctx.deps.pool.query(`SELECT body FROM webhook_messages WHERE body LIKE $1 ORDER BY created_at, id`, [`%${botId}%`]);
  return r.rows.map((x) => JSON.parse(x.body));
}

function signedPost(path: string, body: unknown, secret = SECRET) {
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  return ctx.app.inject({ method: 'POST', url: path, payload: raw, headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1', 'webhook-timestamp': String(ts), 'webhook-signature': sign(secret, 'msg_1', ts, raw) } });
}

describe('simulated runtime', () => {
  it('walks the Recall status sequence, recording each change and its webhook; a second ad-hoc bot beyond the pool gets 507', async () => {
    const ws = await createWorkspace(ctx.deps);
    const call = api(ctx, ws.auth);
    const bot = (await call('POST', '/api/v1/bot/', { meeting_url: 'https://meet.google.com/abc-defg-hij', metadata: { k: 'v' } })).body;
    await waitFor('launched', async () => (await ctx.deps.pool.query(`SELECT 1 FROM bots WHERE id = $1 AND phase = 'dispatched'`, [bot.id])).rowCount);
    const full = await call('POST', '/api/v1/bot/', { meeting_url: 'https://meet.google.com/abc-defg-hij' });
    expect(full).toMatchObject({ status: 507, body: { code: 'insufficient_bot_capacity' } });
    await waitFor('done', async () => (await call('GET', `/api/v1/bot/${bot.id}/`)).body.status_changes.at(-1).code === 'done');
    const codes = (await call('GET', `/api/v1/bot/${bot.id}/`)).body.status_changes.map((c: any) => c.code);
    expect(codes).toEqual(['ready', 'joining_call', 'in_waiting_room', 'in_call_recording', 'call_ended', 'done']);
    const messages = await outbox(bot.id);
    expect(messages.map((m) => m.event)).toEqual(['bot.joining_call', 'bot.in_waiting_room', 'bot.in_call_recording', 'bot.call_ended', 'bot.done']);
    expect(messages[4]).toEqual({ event: 'bot.done', data: { data: { code: 'done', sub_code: null, updated_at: expect.stringMatching(/\+00:00$/) }, bot: { id: bot.id, metadata: { k: 'v' } } } });
    expect((await call('GET', `/api/v1/bot/?status=done`)).body.count).toBe(1);
  });
});

describe('http runtime', () => {
  it('accepts signed status callbacks and refuses unsigned ones', async () => {
    const ws = await createWorkspace(ctx.deps);
    const call = api(ctx, ws.auth);
    const set = await call('PATCH', '/api/v2/workspace/bot-runtime/', { type: 'http', http_url: receiver.url, http_secret: SECRET });
    expect(set.body).toMatchObject({ type: 'http', http_secret_set: true });
    expect(JSON.stringify((await ctx.deps.pool.query('SELECT settings FROM workspaces WHERE id = $1', [ws.id])).rows[0])).not.toContain(SECRET.slice(6));
    const bot = (await call('POST', '/api/v1/bot/', { meeting_url: 'https://meet.google.com/abc-defg-hij' })).body;
    await waitFor('launched', async () => receiver.launches.get(bot.id));
    const path = '/api/v1/runtime-callbacks/http/';
    expect((await signedPost(path, { bot_id: bot.id, code: 'joining_call' }, 'whsec_' + Buffer.alloc(32, 9).toString('base64'))).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'POST', url: path, payload: { bot_id: bot.id, code: 'joining_call' } })).statusCode).toBe(401);
    for (const code of ['joining_call', 'in_call_recording', 'in_call_recording', 'done']) expect((await signedPost(path, { bot_id: bot.id, code, sub_code: null })).statusCode).toBe(204);
    expect((await signedPost(path, { bot_id: bot.id, code: 'bogus' })).statusCode).toBe(400);
    const codes = (await call('GET', `/api/v1/bot/${bot.id}/`)).body.status_changes.map((c: any) => c.code);
    expect(codes).toEqual(['ready', 'joining_call', 'in_call_recording', 'done']); // the repeated callback is recorded once
    expect((await outbox(bot.id)).map((m) => m.event)).toEqual(['bot.joining_call', 'bot.in_call_recording', 'bot.done']);
  });
});

describe('recall runtime', () => {
  it('creates the bot on Recall with join_at and the idempotency key, and maps Recall\'s status webhooks back', async () => {
    const ws = await createWorkspace(ctx.deps);
    const call = api(ctx, ws.auth);
    await call('PATCH', '/api/v2/workspace/bot-runtime/', { type: 'recall', recall_api_url: recall.url, recall_api_key: 'rk_test', recall_webhook_secret: SECRET });
    const joinAt = new Date(Date.now() + 300).toISOString();
    const bot = (await call('POST', '/api/v1/bot/', { meeting_url: 'https://meet.google.com/abc-defg-hij', join_at: joinAt, bot_name: 'R', recording_config: { a: 1 } })).body;
    const sent = await waitFor('created on Recall', async () => recall.created.find((b) => b.metadata?.rollcall_bot_id === bot.id));
    expect(sent).toMatchObject({ meeting_url: 'https://meet.google.com/abc-defg-hij', bot_name: 'R', recording_config: { a: 1 }, join_at: joinAt.replace(/\.\d+Z$/, (m) => m) });
    const h = recall.headers[recall.created.indexOf(sent)];
    expect(h).toMatchObject({ authorization: 'Token rk_test', 'idempotency-key': bot.id });
    const recallId = `recall-${recall.created.indexOf(sent) + 1}`;
    await waitFor('runtime_ref', async () => (await ctx.deps.pool.query(`SELECT 1 FROM bots WHERE id = $1 AND runtime_ref = $2`, [bot.id, recallId])).rowCount);
    const path = '/api/v1/runtime-callbacks/recall/';
    const current = { event: 'bot.in_call_recording', data: { data: { code: 'in_call_recording', sub_code: null, updated_at: new Date().toISOString() }, bot: { id: recallId, metadata: {} } } };
    expect((await signedPost(path, current)).statusCode).toBe(204);
    const legacy = { event: 'bot.status_change', data: { bot_id: recallId, status: { code: 'call_ended', sub_code: 'call_ended_by_host', created_at: new Date().toISOString(), message: null } } };
    expect((await signedPost(path, legacy)).statusCode).toBe(204);
    const changes = (await call('GET', `/api/v1/bot/${bot.id}/`)).body.status_changes;
    expect(changes.map((c: any) => [c.code, c.sub_code])).toEqual([['ready', null], ['in_call_recording', null], ['call_ended', 'call_ended_by_host']]);
    expect((await outbox(bot.id)).map((m) => m.event)).toEqual(['bot.in_call_recording', 'bot.call_ended']);
    expect((await signedPost(path, current, 'whsec_' + Buffer.alloc(32, 1).toString('base64'))).statusCode).toBe(401);
  });
});
