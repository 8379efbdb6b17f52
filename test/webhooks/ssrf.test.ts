// The SSRF guard: with WEBHOOK_ALLOW_PRIVATE_URLS=false no delivery connects to a private or local address, whether
// it is written in the URL or is what a hostname resolves to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startWorker, type WorkerHandle } from '../../src/jobs/runner.js';
import { isBlockedAddress } from '../../src/webhooks/address-guard.js';
import { allowPrivateUrls, closeSender } from '../../src/webhooks/sender-registry.js';
import { WebhookSender } from '../../src/webhooks/sender.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';
import { addEndpoint, deliveryState, emit } from './helpers.js';
import { startReceiver, waitFor, type Receiver } from './receiver.js';

const REFUSED = [
  '127.0.0.1', '127.255.0.9', '0.0.0.0', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.1.1',
  '169.254.169.254', '100.64.0.1', '100.127.255.254', '224.0.0.1', '255.255.255.255',
  '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'febf::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe',
];
const ALLOWED = ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2606:4700:4700::1111', '2001:4860:4860::8888'];

describe('address rules', () => {
  it.each(REFUSED)('refuses %s', (a) => expect(isBlockedAddress(a)).toBe(true));
  it.each(ALLOWED)('allows %s', (a) => expect(isBlockedAddress(a)).toBe(false));

  it('defaults the guard off only in embedded mode', () => {
    expect(allowPrivateUrls(loadConfig({}))).toBe(true);
    expect(allowPrivateUrls(loadConfig({ DATABASE_URL: 'postgres://x/y', ROLLCALL_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') }))).toBe(false);
    expect(allowPrivateUrls(loadConfig({ WEBHOOK_ALLOW_PRIVATE_URLS: 'false' }))).toBe(false);
  });
});

describe('sender with the guard on', () => {
  const sender = new WebhookSender({ timeoutMs: 2000, allowPrivate: false });
  afterAll(() => sender.close());

  it.each([
    'http://127.0.0.1/x', 'http://10.1.2.3/x', 'http://172.16.5.4/x', 'http://192.168.0.10/x', 'http://169.254.169.254/latest/meta-data/',
    'http://100.64.1.1/x', 'http://[::1]/x', 'http://[fc00::5]/x', 'http://[fd00::1]/x', 'http://[fe80::1]/x', 'http://localhost/x',
    'http://[::ffff:127.0.0.1]/x',
  ])('refuses %s before sending', async (url) => {
    const r = await sender.send(url, { 'content-type': 'application/json' }, '{}');
    expect(r.ok).toBe(false);
    expect(r.status).toBeNull();
    expect(r.error).toMatch(/private or local address/);
  });
});

describe('delivery with the guard on', () => {
  let ctx: TestContext;
  let worker: WorkerHandle;
  let rx: Receiver;
  beforeAll(async () => {
    ctx = await createTestContext({ WORKER_POLL_INTERVAL_MS: '100', WEBHOOK_ALLOW_PRIVATE_URLS: 'false', WEBHOOK_RETRY_SCHEDULE: '0,1', WEBHOOK_RETRY_JITTER_PERCENT: '0' });
    rx = await startReceiver();
    worker = await startWorker(ctx.deps);
  });
  afterAll(async () => {
    await worker.stop();
    await closeSender(ctx.deps);
    await rx.close();
    await ctx.close();
  });

  it('never reaches a receiver on a loopback address, by IP or by a hostname resolving to it', async () => {
    const ws = await createWorkspace(ctx.deps);
    await addEndpoint(ctx.deps, ws.id, { url: rx.url });
    await addEndpoint(ctx.deps, ws.id, { url: `http://localhost:${rx.port}/hook` });
    await addEndpoint(ctx.deps, ws.id, { url: `http://[::1]:${rx.port}/hook` });
    const id = await emit(ctx.deps, { workspaceId: ws.id, event: 'calendar.update', data: { calendar_id: 'c' } });
    await waitFor(async () => (await deliveryState(ctx.deps, id)).every((d) => d.status === 'failed'), 20_000, 'refused deliveries');
    const detail = (await ctx.app.inject({ method: 'GET', url: `/api/v2/webhook-messages/${id}/`, headers: { authorization: ws.auth } })).json();
    expect(detail.deliveries).toHaveLength(3);
    for (const d of detail.deliveries) {
      expect(d.attempts).toHaveLength(2);
      for (const a of d.attempts) expect(a.error).toMatch(/private or local address/);
    }
    expect(rx.requests).toEqual([]);
  });
});
