// Conformance: subscriptions, validation handshake, change and lifecycle notifications (providers.md §4.4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodReceiver, startEmu, startReceiver, waitFor, type Emu } from './helpers.js';

let emu: Emu;
let token: string;
let rx: Awaited<ReturnType<typeof startReceiver>>;
const USER = 'subs@contoso.com';
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const notifications = () => rx.received.filter((r) => !r.url.includes('validationToken') && r.body).map((r) => ({ url: r.url, ...JSON.parse(r.body) }));

beforeAll(async () => {
  emu = await startEmu({ subscriptionMaxMinutes: 60, validationTimeoutMs: 1500, notificationAckTimeoutMs: 500, notificationRetryDelaysMs: [200, 200] });
  ({ token } = await emu.login(USER));
  rx = await startReceiver();
});
afterAll(async () => {
  await emu.em.close();
  await rx.close();
});

const create = (extra: Record<string, unknown> = {}) =>
  emu.graph(token, '/subscriptions', {
    body: { changeType: 'created,updated,deleted', notificationUrl: `${rx.url}/notify?tenant=1`, lifecycleNotificationUrl: `${rx.url}/lifecycle`, resource: 'me/events', expirationDateTime: inAnHour(), clientState: 'secret-123', ...extra },
  });

describe('subscriptions', () => {
  it('validates the endpoint, then delivers change notifications with clientState', async () => {
    rx.behave(goodReceiver);
    const sub = await create();
    expect(sub.status).toBe(201);
    expect(sub.body).toMatchObject({ resource: 'me/events', clientState: 'secret-123', changeType: 'created,updated,deleted' });
    const validation = rx.received.find((r) => r.url.startsWith('/notify?tenant=1&validationToken='));
    expect(validation).toBeTruthy();
    expect(validation!.headers['content-type']).toMatch(/^text\/plain/);
    expect(rx.received.some((r) => r.url.startsWith('/lifecycle?validationToken='))).toBe(true);
    const ev = (await emu.control('POST', `/accounts/${USER}/events`, { summary: 'x', start: '2025-06-10T10:00:00Z', end: '2025-06-10T11:00:00Z' })).body;
    const n = await waitFor(() => notifications().find((b) => b.value[0].resourceData.id === ev.id));
    expect(n.url).toBe('/notify?tenant=1'); // the notificationUrl query string is kept
    expect(n.value[0]).toMatchObject({ subscriptionId: sub.body.id, clientState: 'secret-123', changeType: 'created', resourceData: { id: ev.id } });
    expect(n.value[0].resource).toMatch(/^Users\/[^/]+\/Events\//);
    expect(n.value[0].tenantId).toBeTruthy();
    expect(n.value[0].subscriptionExpirationDateTime).toBeTruthy();
    await emu.graph(token, `/subscriptions/${sub.body.id}`, { method: 'DELETE' });
  });

  it('fails creation with 400 when the echo is wrong or too slow', async () => {
    rx.behave((_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('wrong'));
    const wrong = await create();
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/validation/i);
    rx.behave((req, res) => {
      setTimeout(() => goodReceiver(req, res), 3000);
    });
    const slow = await create();
    expect(slow.status).toBe(400);
    rx.behave(goodReceiver);
  });

  it('caps expirationDateTime and renews with PATCH; deleted subscriptions answer 404', async () => {
    const far = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const sub = await create({ expirationDateTime: far });
    const exp = Date.parse(sub.body.expirationDateTime);
    expect(exp).toBeLessThanOrEqual(Date.now() + 60 * 60_000 + 1000);
    const renewed = await emu.graph(token, `/subscriptions/${sub.body.id}`, { method: 'PATCH', body: { expirationDateTime: new Date(Date.now() + 30 * 60_000).toISOString() } });
    expect(renewed.status).toBe(200);
    expect(Date.parse(renewed.body.expirationDateTime)).toBeLessThan(exp);
    expect((await emu.graph(token, `/subscriptions/${sub.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await emu.graph(token, `/subscriptions/${sub.body.id}`, { method: 'PATCH', body: { expirationDateTime: inAnHour() } })).status).toBe(404);
  });

  it('sends lifecycle notifications on demand', async () => {
    const sub = await create();
    for (const event of ['reauthorizationRequired', 'missed', 'subscriptionRemoved']) {
      expect((await emu.control('POST', `/subscriptions/${sub.body.id}/lifecycle`, { event })).status).toBe(202);
    }
    const seen = await waitFor(() => {
      const l = notifications().filter((b) => b.url === '/lifecycle' && b.value[0].subscriptionId === sub.body.id);
      return l.length === 3 ? l : null;
    });
    expect(seen.map((b) => b.value[0].lifecycleEvent).sort()).toEqual(['missed', 'reauthorizationRequired', 'subscriptionRemoved']);
    expect(seen[0].value[0].clientState).toBe('secret-123');
    // subscriptionRemoved removed it.
    expect((await emu.graph(token, `/subscriptions/${sub.body.id}`)).status).toBe(404);
  });

  it('treats receivers slower than the ack timeout as failures, retries, then drops', async () => {
    const sub = await create();
    rx.behave((req, res) => {
      if (req.url.includes('validationToken')) return goodReceiver(req, res);
      setTimeout(() => res.writeHead(202).end(), 1500); // slower than the (compressed) 3-second rule
    });
    await emu.control('POST', `/accounts/${USER}/notify`);
    const deliveries = await waitFor(async () => {
      const d = (await emu.control('GET', `/deliveries?account=${USER}`)).body.value.filter((x: any) => x.subscriptionId === sub.body.id && x.kind === 'change');
      return d.some((x: any) => x.outcome === 'dropped') ? d : null;
    });
    expect(deliveries.filter((d: any) => d.outcome === 'timeout')).toHaveLength(3); // first attempt + 2 retries
    rx.behave(goodReceiver);
    await emu.graph(token, `/subscriptions/${sub.body.id}`, { method: 'DELETE' });
  });

  it('applies notification faults: drop and duplicate', async () => {
    const sub = await create();
    const before = () => notifications().filter((b) => b.value[0]?.subscriptionId === sub.body.id).length;
    await emu.control('POST', '/faults', { kind: 'drop_notifications', account: USER, count: 1 });
    await emu.control('POST', `/accounts/${USER}/notify`);
    await emu.control('POST', '/faults', { kind: 'duplicate_notifications', account: USER, count: 1 });
    await emu.control('POST', `/accounts/${USER}/notify`);
    await waitFor(() => before() === 2);
    const log = (await emu.control('GET', `/deliveries?account=${USER}`)).body.value.filter((d: any) => d.subscriptionId === sub.body.id);
    expect(log.some((d: any) => d.outcome === 'fault_dropped')).toBe(true);
    expect(log.some((d: any) => d.outcome === 'fault_duplicated')).toBe(true);
  });
});
