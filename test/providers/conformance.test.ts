// One suite over both CalendarProvider adapters, each against its emulator over real HTTP: the behaviour the
// sync engine relies on must be the same whichever provider a calendar is on.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meaningOfGoogleNotification, parseGoogleNotification } from '../../src/providers/google/notifications.js';
import { meaningOfGraphNotification, parseGraphNotifications } from '../../src/providers/microsoft/notifications.js';
import { ProviderError, type CalendarProvider, type ListWindow, type ProviderEvent } from '../../src/providers/provider.js';
import { googleTarget, microsoftTarget, startReceiver, waitFor, type Target } from './targets.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Listing {
  events: ProviderEvent[];
  pages: number;
  requests: number;
  syncState: string;
}

/** Pages a listing to its end, checking the page contract on the way. */
async function listAll(p: CalendarProvider, token: string, window: ListWindow, syncState: string | null, pageSize?: number): Promise<Listing> {
  const events: ProviderEvent[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let requests = 0;
  for (;;) {
    const page = await p.listEvents(token, { window, syncState, pageCursor: cursor, ...(pageSize ? { pageSize } : {}) });
    pages++;
    requests += page.requests;
    events.push(...page.events);
    // A sync state only on the last page, never together with a cursor.
    expect(page.nextPageCursor !== null && page.syncState !== null).toBe(false);
    if (page.syncState) return { events, pages, requests, syncState: page.syncState };
    expect(page.nextPageCursor).not.toBeNull();
    cursor = page.nextPageCursor;
    if (pages > 500) throw new Error('listing never ended');
  }
}

/** Last item per id wins (providers may repeat an item within a round). */
const byId = (events: ProviderEvent[]): Map<string, ProviderEvent> => new Map(events.map((e) => [e.platformId, e]));

async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

const iso = (ms: number): string => new Date(ms).toISOString();
/** Whole hours from now, so event times are exact. */
const baseHour = (): number => Math.ceil(Date.now() / HOUR) * HOUR;

describe.each([
  ['google', googleTarget],
  ['microsoft', microsoftTarget],
] as const)('CalendarProvider conformance: %s', (_name, start) => {
  let t: Target;
  let p: CalendarProvider;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const window = (): ListWindow => ({ start: new Date(Date.now() - DAY), end: new Date(Date.now() + 29 * DAY) });

  /** A fresh account and an access token for it. */
  const login = async (): Promise<{ email: string; token: string; refreshToken: string; clientId: string; clientSecret: string }> => {
    const acc = await t.account(`${randomUUID().slice(0, 8)}@example.com`);
    const at = await p.refreshAccessToken({ clientId: acc.client_id, clientSecret: acc.client_secret, refreshToken: acc.refresh_token });
    return { email: acc.email, token: at.token, refreshToken: acc.refresh_token, clientId: acc.client_id, clientSecret: acc.client_secret };
  };
  const createEvent = async (email: string, body: Record<string, unknown>): Promise<string> =>
    ((await t.control('POST', `/accounts/${encodeURIComponent(email)}/events`, body)) as { id: string }).id;

  beforeAll(async () => {
    t = await start();
    p = t.provider({ timeoutMs: 10_000 });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('refreshes an access token (Microsoft: the rotated refresh token works)', async () => {
    const acc = await t.account(`refresh-${randomUUID().slice(0, 8)}@example.com`);
    const creds = { clientId: acc.client_id, clientSecret: acc.client_secret, refreshToken: acc.refresh_token };
    const at = await p.refreshAccessToken(creds);
    expect(at.token).toEqual(expect.any(String));
    expect(at.expiresAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
    expect(at.scopes?.length).toBeGreaterThan(0);
    if (t.name === 'microsoft') {
      expect(at.rotatedRefreshToken).toEqual(expect.any(String));
      expect(at.rotatedRefreshToken).not.toBe(acc.refresh_token);
      const again = await p.refreshAccessToken({ ...creds, refreshToken: at.rotatedRefreshToken! });
      expect(await p.accountEmail(again.token)).toBe(acc.email);
    } else {
      expect(at.rotatedRefreshToken).toBeUndefined();
    }
  });

  it('reads the account email', async () => {
    const a = await login();
    expect(await p.accountEmail(a.token)).toBe(a.email);
  });

  it('lists 600 events across several pages, then incrementally nothing', async () => {
    const a = await login();
    const base = baseHour() + HOUR;
    const ids: string[] = [];
    for (let i = 0; i < 600; i += 25) {
      const chunk = await Promise.all(
        Array.from({ length: 25 }, (_, k) => createEvent(a.email, { summary: `e${i + k}`, start: iso(base + (i + k) * 30 * 60_000), end: iso(base + (i + k) * 30 * 60_000 + 25 * 60_000) })),
      );
      ids.push(...chunk);
    }
    const full = await listAll(p, a.token, window(), null, 100);
    expect(full.pages).toBeGreaterThanOrEqual(6);
    const seen = byId(full.events);
    expect([...seen.keys()].sort()).toEqual([...ids].sort());
    for (const e of seen.values()) {
      expect(e.isDeleted).toBe(false);
      expect(e.raw).not.toBeNull();
      expect(e.endTime.getTime() - e.startTime.getTime()).toBe(25 * 60_000);
    }
    const first = seen.get(ids[0]!)!;
    expect(first.startTime.toISOString()).toBe(iso(base));
    const inc = await listAll(p, a.token, window(), full.syncState);
    expect(inc.events.filter((e) => !e.isDeleted)).toEqual([]);
  });

  it('an incremental listing shows exactly the created, moved, cancelled and deleted events', async () => {
    const a = await login();
    const base = baseHour() + 2 * HOUR;
    const ev = (i: number) => ({ summary: `s${i}`, start: iso(base + i * HOUR), end: iso(base + i * HOUR + 30 * 60_000) });
    const [moved, cancelled, deleted, untouched] = await Promise.all([0, 1, 2, 3].map((i) => createEvent(a.email, ev(i))));
    const full = await listAll(p, a.token, window(), null);
    expect(byId(full.events).size).toBe(4);

    const created = await createEvent(a.email, ev(5));
    const newStart = base + 10 * HOUR;
    await t.control('PATCH', `/accounts/${encodeURIComponent(a.email)}/events/${encodeURIComponent(moved!)}`, { start: iso(newStart), end: iso(newStart + HOUR) });
    await t.control('POST', `/accounts/${encodeURIComponent(a.email)}/events/${encodeURIComponent(cancelled!)}/cancel`);
    await t.control('DELETE', `/accounts/${encodeURIComponent(a.email)}/events/${encodeURIComponent(deleted!)}`);

    const inc = await listAll(p, a.token, window(), full.syncState);
    const changes = byId(inc.events);
    expect([...changes.keys()].sort()).toEqual([created, moved!, cancelled!, deleted!].sort());
    expect(changes.has(untouched!)).toBe(false);
    expect(changes.get(created)!.isDeleted).toBe(false);
    expect(changes.get(created)!.raw).not.toBeNull();
    expect(changes.get(moved!)!.isDeleted).toBe(false);
    expect(changes.get(moved!)!.startTime.toISOString()).toBe(iso(newStart));
    expect(changes.get(moved!)!.endTime.toISOString()).toBe(iso(newStart + HOUR));
    expect(changes.get(cancelled!)!.isDeleted).toBe(true);
    expect(changes.get(deleted!)!.isDeleted).toBe(true);
    // O(1) per change: one listing round, not a re-read of the calendar.
    expect(inc.requests).toBeLessThanOrEqual(3);

    const quiet = await listAll(p, a.token, window(), inc.syncState);
    expect(quiet.events.filter((e) => !e.isDeleted)).toEqual([]);
  });

  it('expands a recurring series with a moved and a cancelled instance', async () => {
    const a = await login();
    const day0 = DateTime.utc().startOf('day').plus({ days: 2, hours: 10 }).toMillis();
    const series = await createEvent(a.email, {
      summary: 'daily',
      start: iso(day0),
      end: iso(day0 + 30 * 60_000),
      timeZone: 'UTC',
      recurrence: ['RRULE:FREQ=DAILY;COUNT=5'],
    });
    const full = await listAll(p, a.token, window(), null);
    const live = (es: ProviderEvent[]) => es.filter((e) => !e.isDeleted);
    expect(live(full.events).map((e) => e.startTime.getTime()).sort()).toEqual([0, 1, 2, 3, 4].map((i) => day0 + i * DAY));
    for (const e of full.events) expect(e.raw).not.toBeNull();

    const movedTo = day0 + DAY + 4 * HOUR;
    const instances = `/accounts/${encodeURIComponent(a.email)}/events/${encodeURIComponent(series)}/instances`;
    await t.control('POST', instances, { originalStart: iso(day0 + DAY), start: iso(movedTo), end: iso(movedTo + 30 * 60_000) });
    await t.control('POST', instances, { originalStart: iso(day0 + 2 * DAY), cancel: true });

    const inc = await listAll(p, a.token, window(), full.syncState);
    const changes = [...byId(inc.events).values()];
    expect(live(changes).map((e) => e.startTime.getTime())).toContain(movedTo);
    expect(changes.some((e) => e.isDeleted)).toBe(true);

    const again = await listAll(p, a.token, window(), null);
    expect(live(again.events).map((e) => e.startTime.getTime()).sort()).toEqual([day0, movedTo, day0 + 3 * DAY, day0 + 4 * DAY]);
  });

  it('maps all-day events to midnight-to-midnight in their zone', async () => {
    const a = await login();
    const date = DateTime.utc().plus({ days: 3 }).toISODate()!;
    const next = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;
    const id = await createEvent(a.email, { summary: 'offsite', start: date, end: next, allDay: true, timeZone: 'Europe/Paris' });
    const full = await listAll(p, a.token, window(), null);
    const ev = byId(full.events).get(id)!;
    expect(ev.isAllDay).toBe(true);
    expect(ev.startTime.toISOString()).toBe(DateTime.fromISO(date, { zone: 'Europe/Paris' }).toUTC().toISO());
    expect(ev.endTime.toISOString()).toBe(DateTime.fromISO(next, { zone: 'Europe/Paris' }).toUTC().toISO());
    const got = await p.getEvent(a.token, id);
    expect(got?.startTime.toISOString()).toBe(ev.startTime.toISOString());
    expect(got?.isAllDay).toBe(true);
    expect(await p.getEvent(a.token, `${id}x`)).toBeNull();
  });

  it('answers sync_state_expired after the provider expires the sync state', async () => {
    const a = await login();
    await createEvent(a.email, { summary: 'x', start: iso(baseHour() + HOUR), end: iso(baseHour() + 2 * HOUR) });
    const full = await listAll(p, a.token, window(), null);
    await t.control('POST', `/accounts/${encodeURIComponent(a.email)}/expire-sync-state`);
    const err = await rejection(p.listEvents(a.token, { window: window(), syncState: full.syncState, pageCursor: null }));
    expect(err.kind).toBe('sync_state_expired');
    expect(err.details.status).toBe(410);
  });

  it('answers auth_revoked with the provider code after a revoke', async () => {
    const a = await login();
    await t.control('POST', `/accounts/${encodeURIComponent(a.email)}/revoke`);
    const err = await rejection(p.refreshAccessToken({ clientId: a.clientId, clientSecret: a.clientSecret, refreshToken: a.refreshToken }));
    expect(err.kind).toBe('auth_revoked');
    expect(err.details.code).toBe(t.revokedCode);
  });

  it('classifies 429 (with Retry-After), 5xx and timeouts', async () => {
    const a = await login();
    const list = (prov = p) => prov.listEvents(a.token, { window: window(), syncState: null, pageCursor: null });
    await t.control('POST', '/faults', { kind: 'rate_limit', account: a.email, retryAfter: 7, count: 1 });
    const limited = await rejection(list());
    expect(limited.kind).toBe('rate_limited');
    expect(limited.details.retryAfterMs).toBe(7000);

    await t.control('POST', '/faults', { kind: 'error', status: 503, account: a.email, count: 1 });
    expect((await rejection(list())).kind).toBe('transient');

    await t.control('POST', '/faults', { kind: 'error', status: 500, account: a.email, path: 'token', count: 1 });
    expect((await rejection(p.refreshAccessToken({ clientId: a.clientId, clientSecret: a.clientSecret, refreshToken: a.refreshToken }))).kind).toBe('transient');

    await t.control('POST', '/faults', { kind: 'timeout', account: a.email, count: 1 });
    const slow = await rejection(list(t.provider({ timeoutMs: 500 })));
    expect(slow.kind).toBe('transient');

    await list(); // the faults are used up
  });

  it('creates, renews and stops a push channel; its notifications parse', async () => {
    const a = await login();
    const address = `${receiver.url}/notify/${t.name}/${randomUUID()}`;
    const lifecycleAddress = `${receiver.url}/lifecycle/${t.name}/${randomUUID()}`;
    const ch = await p.createPushChannel(a.token, { address, lifecycleAddress, requestedTtlSeconds: 3600 });
    expect(ch.expiresAt.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(ch.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3600_000 + 60_000);
    expect(ch.secret.length).toBeGreaterThanOrEqual(32);
    expect(await t.channelIds()).toContain(ch.id);

    await createEvent(a.email, { summary: 'notify me', start: iso(baseHour() + HOUR), end: iso(baseHour() + 2 * HOUR) });
    const atAddress = () => receiver.received.filter((r) => r.path === new URL(address).pathname);
    if (t.name === 'google') {
      const parsed = await waitFor(() => atAddress().map((r) => parseGoogleNotification(r.headers)).find((n) => n?.resourceState === 'exists'), 'a Google exists notification');
      expect(parsed.channelId).toBe(ch.id);
      expect(parsed.token).toBe(ch.secret);
      expect(parsed.resourceId).toBe(ch.resourceId);
      expect(parsed.messageNumber).toBeGreaterThan(1);
      expect(meaningOfGoogleNotification(parsed)).toEqual({ kind: 'sync', channelId: ch.id });
      const first = atAddress().map((r) => parseGoogleNotification(r.headers)).find((n) => n?.resourceState === 'sync');
      expect(first?.messageNumber).toBe(1);
    } else {
      const parsed = await waitFor(() => atAddress().flatMap((r) => parseGraphNotifications(JSON.parse(r.body)))[0], 'a Graph change notification');
      expect(parsed).toMatchObject({ subscriptionId: ch.id, clientState: ch.secret, kind: 'change' });
      expect(parsed.resourceId).toEqual(expect.any(String));
      expect(meaningOfGraphNotification(parsed)).toEqual({ kind: 'sync', channelId: ch.id });

      await t.control('POST', `/subscriptions/${ch.id}/lifecycle`, { event: 'missed' });
      const life = await waitFor(
        () => receiver.received.filter((r) => r.path === new URL(lifecycleAddress).pathname).flatMap((r) => parseGraphNotifications(JSON.parse(r.body)))[0],
        'a Graph lifecycle notification',
      );
      expect(life).toMatchObject({ subscriptionId: ch.id, clientState: ch.secret, kind: 'missed', resourceId: null });
      expect(meaningOfGraphNotification(life)).toEqual({ kind: 'missed', channelId: ch.id });
    }

    const renewed = await p.renewPushChannel(a.token, ch, { address, lifecycleAddress, requestedTtlSeconds: 7200 });
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(ch.expiresAt.getTime());
    const live = await t.channelIds();
    expect(live).toContain(renewed.id);
    // Google cannot extend a channel: a new one replaces it and the old one is stopped.
    if (renewed.id !== ch.id) expect(live).not.toContain(ch.id);
    expect(t.name === 'google' ? renewed.id !== ch.id : renewed.id === ch.id).toBe(true);

    await p.stopPushChannel(a.token, renewed);
    expect(await t.channelIds()).not.toContain(renewed.id);
    await p.stopPushChannel(a.token, renewed); // already gone: not an error
  });
});

describe('Microsoft adapter over plain HTTP', () => {
  it('refreshes and lists without TLS', async () => {
    const t = await microsoftTarget();
    try {
      const { createMicrosoftProvider } = await import('../../src/providers/microsoft/provider.js');
      const { loadConfig } = await import('../../src/config/load.js');
      const p = createMicrosoftProvider(loadConfig({ MICROSOFT_LOGIN_URL: t.httpUrl, MICROSOFT_GRAPH_URL: `${t.httpUrl}/v1.0` }));
      const acc = await t.account('plain@example.com');
      const at = await p.refreshAccessToken({ clientId: acc.client_id, clientSecret: acc.client_secret, refreshToken: acc.refresh_token });
      const page = await p.listEvents(at.token, { window: { start: new Date(Date.now() - DAY), end: new Date(Date.now() + DAY) }, syncState: null, pageCursor: null });
      expect(page.syncState).toMatch(/^http:\/\//);
      // A link on another origin is never followed with the bearer token.
      const err = await rejection(p.listEvents(at.token, { window: { start: new Date(), end: new Date() }, syncState: 'https://evil.example/v1.0/me/calendarView/delta?$deltatoken=x', pageCursor: null }));
      expect(err.kind).toBe('invalid_request');
    } finally {
      await t.close();
    }
  });
});
