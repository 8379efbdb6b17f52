// events.watch / channels.stop and push delivery (providers.md §2.7–2.8), including notification faults.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, receiver, sleep, waitFor, type Harness, type Receiver } from './helpers.js';

let h: Harness;
let rx: Receiver;
beforeEach(async () => {
  h = await harness({ channelMaxTtlSeconds: 3600 });
  rx = await receiver();
});
afterEach(async () => {
  await h.em.close();
  await rx.close();
});

const watch = (id: string, extra: Record<string, unknown> = {}) =>
  h.api('/calendar/v3/calendars/primary/events/watch', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, type: 'web_hook', address: rx.url, token: 'cal=1&sig=abc', ...extra }),
  });
const event = (summary: string) => h.createEvent({ summary, start: '2030-01-01T09:00:00Z', end: '2030-01-01T10:00:00Z' });

describe('push channels', () => {
  it('sends sync first, then exists with increasing message numbers and the X-Goog headers', async () => {
    const res = await watch('chan-1', { params: { ttl: '604800' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'api#channel', id: 'chan-1', token: 'cal=1&sig=abc', resourceId: expect.any(String) });
    expect(typeof res.body.expiration).toBe('string');
    // TTL capped by channelMaxTtlSeconds.
    expect(Number(res.body.expiration) - Date.now()).toBeLessThanOrEqual(3600_000);
    await waitFor(() => rx.hits.length >= 1);
    const first = rx.hits[0]!.headers;
    expect(first['x-goog-resource-state']).toBe('sync');
    expect(first['x-goog-message-number']).toBe('1');
    expect(first['x-goog-channel-id']).toBe('chan-1');
    expect(first['x-goog-channel-token']).toBe('cal=1&sig=abc');
    expect(first['x-goog-resource-id']).toBe(res.body.resourceId);
    expect(first['x-goog-resource-uri']).toContain('/calendar/v3/calendars/primary/events');
    expect(new Date(first['x-goog-channel-expiration'] as string).getTime()).toBeGreaterThan(Date.now());
    expect(rx.hits[0]!.body).toBe('');

    await event('one');
    await waitFor(() => rx.hits.length >= 2);
    await sleep(100);
    await event('two');
    await waitFor(() => rx.hits.length >= 3);
    const states = rx.hits.map((x) => x.headers['x-goog-resource-state']);
    const numbers = rx.hits.map((x) => Number(x.headers['x-goog-message-number']));
    expect(states).toEqual(['sync', 'exists', 'exists']);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);

    // Duplicate ids are refused while the channel lives.
    expect((await watch('chan-1')).status).toBe(400);
    const channels = await h.control('GET', '/channels');
    expect(channels.map((c: any) => c.id)).toEqual(['chan-1']);

    const stop = await h.api('/calendar/v3/channels/stop', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'chan-1', resourceId: res.body.resourceId }),
    });
    expect(stop.status).toBe(204);
    const count = rx.hits.length;
    await event('three');
    await sleep(300);
    expect(rx.hits.length).toBe(count);
    const again = await h.api('/calendar/v3/channels/stop', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'chan-1', resourceId: res.body.resourceId }),
    });
    expect(again.status).toBe(404);
  });

  it('expired channels stop notifying', async () => {
    const res = await watch('short', { params: { ttl: '1' } });
    expect(Number(res.body.expiration) - Date.now()).toBeLessThanOrEqual(1000);
    await waitFor(() => rx.hits.length >= 1);
    await sleep(1200);
    await event('late');
    await sleep(300);
    expect(rx.hits).toHaveLength(1);
  });

  it('notification faults drop and duplicate deliveries; notify fires on demand', async () => {
    await watch('chan-f');
    await waitFor(() => rx.hits.length >= 1);
    await h.control('POST', '/faults', { kind: 'drop_notifications', account: h.account.email, count: 1 });
    await h.control('POST', `/accounts/${h.account.email}/notify`);
    await sleep(200);
    expect(rx.hits).toHaveLength(1);
    await h.control('POST', '/faults', { kind: 'duplicate_notifications', count: 1 });
    await h.control('POST', `/accounts/${h.account.email}/notify`);
    await waitFor(() => rx.hits.length >= 3);
    expect(rx.hits[1]!.headers['x-goog-message-number']).toBe(rx.hits[2]!.headers['x-goog-message-number']);
    // Reorder: the held message arrives after the next one.
    await h.control('POST', '/faults', { kind: 'reorder_notifications', count: 1 });
    await h.control('POST', `/accounts/${h.account.email}/notify`);
    await sleep(50);
    await h.control('POST', `/accounts/${h.account.email}/notify`);
    await waitFor(() => rx.hits.length >= 5);
    const n = rx.hits.slice(3).map((x) => Number(x.headers['x-goog-message-number']));
    expect(n[0]).toBeGreaterThan(n[1]!);
  });

  it('refuses bad watch requests', async () => {
    expect((await watch('', {})).status).toBe(400);
    expect((await watch('x', { type: 'email' })).status).toBe(400);
    expect((await watch('y', { address: 'not a url' })).status).toBe(400);
  });
});
