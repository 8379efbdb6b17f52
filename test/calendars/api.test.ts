// The V2 calendars and events endpoints on their own (no worker): validation, filters, keyset pages,
// workspace isolation, encrypted credentials, unchanged re-syncs writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertEvents } from '../../src/db/calendar-events.js';
import { toEventWrite } from '../../src/calendars/sync/event-write.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let other: Awaited<ReturnType<typeof createWorkspace>>;
let calendarId = '';

const call = async (auth: string, method: string, url: string, payload?: unknown) => {
  const res = await ctx.app.inject({ method: method as 'GET', url, headers: { authorization: auth }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
};

beforeAll(async () => {
  ctx = await createTestContext({ RATE_LIMIT_ENABLED: 'false' });
  ws = await createWorkspace(ctx.deps);
  other = await createWorkspace(ctx.deps);
  const created = await call(ws.auth, 'POST', '/api/v2/calendars', { platform: 'google_calendar', oauth_client_id: 'cid', oauth_client_secret: 'csecret', oauth_refresh_token: 'rtoken-xyz', webhook_url: 'https://app.example.com/hook' });
  expect(created.status).toBe(201);
  calendarId = created.body.id;
  const base = Date.parse('2030-01-01T00:00:00Z');
  const events = Array.from({ length: 250 }, (_, i) => toEventWrite('google_calendar', {
    platformId: `ev${i}`,
    icalUid: i < 10 ? `series-A@google.com` : `uid${i}@google.com`,
    startTime: new Date(base + i * 3_600_000),
    endTime: new Date(base + i * 3_600_000 + 1_800_000),
    isAllDay: false,
    isDeleted: false,
    raw: { id: `ev${i}`, summary: `Event ${i}` },
  }));
  const t = new Date(Date.now() - Date.now() % 1000);
  expect((await upsertEvents(ctx.deps.pool, ws.id, calendarId, t, events)).length).toBe(250);
  // The same listing again writes nothing.
  expect((await upsertEvents(ctx.deps.pool, ws.id, calendarId, new Date(t.getTime() + 1), events)).length).toBe(0);
});
afterAll(async () => {
  await ctx?.close();
});

describe('calendars', () => {
  it('stores credentials encrypted and returns them as given', async () => {
    const row = (await ctx.deps.pool.query('SELECT * FROM calendars WHERE id = $1', [calendarId])).rows[0];
    expect(JSON.stringify(row)).not.toContain('rtoken-xyz');
    const got = await call(ws.auth, 'GET', `/api/v2/calendars/${calendarId.toUpperCase()}`);
    expect(got.body.oauth_refresh_token).toBe('rtoken-xyz');
    expect(got.body.status).toBe('connecting');
    expect(got.body.status_changes).toHaveLength(1);
    expect(got.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('validates input and isolates workspaces', async () => {
    const bad = await call(ws.auth, 'POST', '/api/v2/calendars/', { platform: 'yahoo' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors)).toEqual(expect.arrayContaining(['oauth_client_id', 'oauth_refresh_token']));
    const platformChange = await call(ws.auth, 'PATCH', `/api/v2/calendars/${calendarId}/`, { platform: 'microsoft_outlook' });
    expect(platformChange.status).toBe(400);
    expect((await call(other.auth, 'GET', `/api/v2/calendars/${calendarId}/`)).status).toBe(404);
    expect((await call(other.auth, 'GET', `/api/v2/calendar-events/?calendar_id=${calendarId}`)).body.results).toEqual([]);
    const list = await call(ws.auth, 'GET', '/api/v2/calendars/?platform=google_calendar&status=connecting');
    expect(list.body.results.map((c: any) => c.id)).toEqual([calendarId]);
    expect((await call(ws.auth, 'GET', '/api/v2/calendars/?status=connected')).body.results).toEqual([]);
    const put = await call(ws.auth, 'PUT', `/api/v2/calendars/${calendarId}/`, { oauth_email: 'a@b.c' });
    expect(put.status).toBe(200);
    expect(put.body.oauth_email).toBe('a@b.c');
    expect(put.body.status_changes).toHaveLength(1); // no reconnection for a non-credential field
    const legacy = await call(ws.auth, 'GET', `/api/v2/calendar-accounts/${calendarId}/`);
    expect(legacy.body).toEqual({ id: calendarId, platform: 'google_calendar', email: null });
  });
});

describe('events', () => {
  it('pages by (start_time, id) with absolute next links and no repeats', async () => {
    const seen: string[] = [];
    let url: string | null = `/api/v2/calendar-events/?calendar_id=${calendarId}&page_size=40`;
    while (url) {
      const res = await call(ws.auth, 'GET', url);
      expect(res.status).toBe(200);
      seen.push(...res.body.results.map((e: any) => e.platform_id));
      url = res.body.next ? new URL(res.body.next).pathname + new URL(res.body.next).search : null;
      if (res.body.next) expect(res.body.next).toMatch(/^http/);
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => `ev${i}`));
  });

  it('filters', async () => {
    const q = async (qs: string) => (await call(ws.auth, 'GET', `/api/v2/calendar-events/?calendar_id=${calendarId}&${qs}`)).body;
    expect((await q('ical_uid=series-A')).results).toHaveLength(10);
    expect((await q('ical_uid=SERIES-A')).results).toHaveLength(0);
    expect((await q('start_time=2030-01-01T05:00:00 00:00')).results.map((e: any) => e.platform_id)).toEqual(['ev5']);
    expect((await q('start_time__gte=2030-01-01T05:00:00Z&start_time__lte=2030-01-01T07:00:00Z')).results).toHaveLength(3);
    expect((await q('is_deleted=TRUE')).results).toHaveLength(0);
    const desc = await q('ordering=-start_time&page_size=2');
    expect(desc.results.map((e: any) => e.platform_id)).toEqual(['ev249', 'ev248']);
    const first = desc.results[0];
    expect(first.bots).toEqual([]);
    expect(first.raw).toEqual({ id: 'ev249', summary: 'Event 249' });
    expect((await q(`updated_at__gte=${encodeURIComponent(first.updated_at)}`)).results.length).toBeGreaterThan(0);
    const bad = await call(ws.auth, 'GET', '/api/v2/calendar-events/?is_deleted=maybe&start_time__gte=nope');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['is_deleted', 'start_time__gte']);
    expect((await call(ws.auth, 'GET', '/api/v2/calendar-events/?cursor=garbage')).status).toBe(404);
  });
});
