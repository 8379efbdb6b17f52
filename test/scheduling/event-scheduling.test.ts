// Scheduling bots on V2 events: the scheduling guide's deduplication recipes across three calendars sharing one
// meeting, parallel add/remove on one key, refusals, automatic unscheduling and the "why not" reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unscheduleCalendarBots, unscheduleEventBots } from '../../src/scheduling/event-bots.js';
import { withTransaction } from '../../src/db/pool.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';
import { api, makeCalendar, makeEvent } from './fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ RATE_LIMIT_ENABLED: 'false' });
});
afterAll(async () => ctx?.close());

const MEET = 'https://meet.google.com/abc-defg-hij';
const inAnHour = () => new Date(Math.floor(Date.now() / 1000) * 1000 + 3600_000);

async function threeCalendars() {
  const ws = await createWorkspace(ctx.deps);
  const call = api(ctx, ws.auth);
  const start = inAnHour();
  const people = [['alice@acme.com'], ['bob@acme.com'], ['carol@globex.com']].map(([e]) => e);
  const events: { id: string; email: string }[] = [];
  for (const email of people) {
    const cal = await makeCalendar(ctx.deps, ws.id, email);
    events.push({ id: await makeEvent(ctx.deps, ws.id, cal, { start }), email });
  }
  return { ws, call, start, events };
}

async function scheduledBots(workspaceId: string): Promise<number> {
  const r = await ctx.deps.pool.query(`SELECT count(*)::int AS n FROM bots WHERE workspace_id = $1`, [workspaceId]);
  return r.rows[0].n;
}

describe('deduplication recipes of the scheduling guide', () => {
  const recipes: [string, (start: Date, e: { id: string; email: string }) => string, number][] = [
    ['all', (s) => `${s.toISOString()}-${MEET}`, 1],
    ['by email domain', (s, e) => `${s.toISOString()}-${MEET}-${e.email.split('@')[1]}`, 2],
    ['none', (s, e) => `${s.toISOString()}-${MEET}-${e.id}`, 3],
  ];
  for (const [name, key, expected] of recipes) {
    it(`${name}: ${expected} bot(s) for one meeting on three calendars`, async () => {
      const { ws, call, start, events } = await threeCalendars();
      const responses = [];
      for (const e of events) {
        const res = await call('POST', `/api/v2/calendar-events/${e.id}/bot`, { deduplication_key: key(start, e), bot_config: { bot_name: `Bot for ${e.email}` } });
        expect(res.status).toBe(200);
        expect(res.body.bots).toHaveLength(1);
        expect(res.body.bots[0]).toMatchObject({ deduplication_key: key(start, e), meeting_url: MEET, start_time: start.toISOString().replace('Z', '000Z') });
        responses.push(res.body);
      }
      expect(await scheduledBots(ws.id)).toBe(expected);
      expect(new Set(responses.map((r) => r.bots[0].bot_id)).size).toBe(expected);
      // The most recent request's config applies to a shared bot.
      const last = await call('GET', `/api/v1/bot/${responses[2].bots[0].bot_id}/`);
      expect(last.body.bot_name).toBe('Bot for carol@globex.com');

      // Removing the bot from one event keeps it while another event uses it.
      const removed = await call('DELETE', `/api/v2/calendar-events/${events[0].id}/bot/`);
      expect(removed.status).toBe(200);
      expect(removed.body.bots).toEqual([]);
      expect(removed.body.bot_reason).toBe('unscheduled');
      expect((await call('GET', `/api/v1/bot/${responses[1].bots[0].bot_id}/`)).status).toBe(200);
      // Idempotent.
      expect((await call('DELETE', `/api/v2/calendar-events/${events[0].id}/bot/`)).status).toBe(200);
      for (const e of events.slice(1)) await call('DELETE', `/api/v2/calendar-events/${e.id}/bot/`);
      expect(await scheduledBots(ws.id)).toBe(0);
    });
  }
});

describe('concurrency', () => {
  it('50 parallel add/remove requests for one key end in exactly one bot and consistent bots lists', async () => {
    const ws = await createWorkspace(ctx.deps);
    const call = api(ctx, ws.auth);
    const start = inAnHour();
    const events: string[] = [];
    for (let i = 0; i < 5; i++) events.push(await makeEvent(ctx.deps, ws.id, await makeCalendar(ctx.deps, ws.id, `u${i}@acme.com`), { start }));
    const key = `${start.toISOString()}-${MEET}`;
    // Events 0–2 only get adds (so the key keeps a bot); events 3–4 get adds and removes interleaved.
    const requests = Array.from({ length: 50 }, (_, i) => {
      const ev = events[i % 5];
      const remove = i % 5 >= 3 && i % 2 === 1;
      return remove ? call('DELETE', `/api/v2/calendar-events/${ev}/bot/`) : call('POST', `/api/v2/calendar-events/${ev}/bot/`, { deduplication_key: key, bot_config: { metadata: { n: String(i) } } });
    });
    const results = await Promise.all(requests);
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const bots = await ctx.deps.pool.query(`SELECT id FROM bots WHERE workspace_id = $1`, [ws.id]);
    expect(bots.rows).toHaveLength(1);
    const botId = bots.rows[0].id;
    for (const [i, ev] of events.entries()) {
      const res = await call('GET', `/api/v2/calendar-events/${ev}/`);
      const attached = await ctx.deps.pool.query(`SELECT 1 FROM bot_attachments WHERE event_id = $1`, [ev]);
      expect(res.body.bots.map((b: any) => b.bot_id)).toEqual(attached.rowCount ? [botId] : []);
      if (i < 3) expect(res.body.bots).toHaveLength(1);
    }
  });
});

describe('refusals and reasons', () => {
  it('answers the contract\'s 400s in order and explains events without a bot', async () => {
    const ws = await createWorkspace(ctx.deps);
    const call = api(ctx, ws.auth);
    const cal = await makeCalendar(ctx.deps, ws.id, 'a@acme.com');
    const body = { deduplication_key: 'k', bot_config: {} };
    const past = new Date(Date.now() - 3 * 3600_000);
    const cases: [string, string, string][] = [
      [await makeEvent(ctx.deps, ws.id, cal, { start: inAnHour(), deleted: true }), 'Cannot schedule bot as calendar event has been deleted.', 'deleted'],
      [await makeEvent(ctx.deps, ws.id, cal, { start: past }), 'Cannot schedule bot as calendar event has ended.', 'ended'],
      [await makeEvent(ctx.deps, ws.id, cal, { start: inAnHour(), meetingUrl: null }), 'Cannot schedule bot as calendar event does not have a meeting url.', 'no_meeting_url'],
    ];
    for (const [id, message, reason] of cases) {
      const res = await call('POST', `/api/v2/calendar-events/${id}/bot/`, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid_request_data', errors: { non_field_errors: [message] } });
      expect((await call('GET', `/api/v2/calendar-events/${id}/`)).body.bot_reason).toBe(reason);
    }
    const fresh = await makeEvent(ctx.deps, ws.id, cal, { start: inAnHour() });
    expect((await call('GET', `/api/v2/calendar-events/${fresh}/`)).body.bot_reason).toBe('not_scheduled');
    expect((await call('POST', `/api/v2/calendar-events/${fresh}/bot/`, { bot_config: {} })).body.errors).toEqual({ deduplication_key: ['This field is required.'] });
    expect((await call('POST', `/api/v2/calendar-events/${fresh}/bot/`, { deduplication_key: 'x'.repeat(2001), bot_config: {} })).status).toBe(400);
    expect((await call('POST', `/api/v2/calendar-events/00000000-0000-4000-8000-000000000000/bot/`, body)).status).toBe(404);
    const other = await createWorkspace(ctx.deps);
    expect((await api(ctx, other.auth)('POST', `/api/v2/calendar-events/${fresh}/bot/`, body)).status).toBe(404);

    const offline = await makeCalendar(ctx.deps, ws.id, 'b@acme.com', 'disconnected');
    const offEvent = await makeEvent(ctx.deps, ws.id, offline, { start: inAnHour() });
    const res = await call('POST', `/api/v2/calendar-events/${offEvent}/bot/`, body);
    expect(res.body.errors.non_field_errors).toEqual(['Cannot schedule bot as calendar is disconnected.']);
    expect((await call('GET', `/api/v2/calendar-events/${offEvent}/`)).body.bot_reason).toBe('calendar_disconnected');
  });

  it('unschedules automatically for deleted events and disconnected calendars, keeping shared bots', async () => {
    const ws = await createWorkspace(ctx.deps);
    const call = api(ctx, ws.auth);
    const start = inAnHour();
    const calA = await makeCalendar(ctx.deps, ws.id, 'a@acme.com');
    const calB = await makeCalendar(ctx.deps, ws.id, 'b@acme.com');
    const a = await makeEvent(ctx.deps, ws.id, calA, { start });
    const b = await makeEvent(ctx.deps, ws.id, calB, { start });
    const solo = await makeEvent(ctx.deps, ws.id, calA, { start: new Date(start.getTime() + 7200_000) });
    for (const id of [a, b]) await call('POST', `/api/v2/calendar-events/${id}/bot/`, { deduplication_key: 'shared', bot_config: {} });
    await call('POST', `/api/v2/calendar-events/${solo}/bot/`, { deduplication_key: 'solo', bot_config: {} });
    expect(await scheduledBots(ws.id)).toBe(2);

    await withTransaction(ctx.deps.pool, async (tx) => {
      await tx.query('UPDATE calendar_events SET is_deleted = true WHERE id = $1', [a]);
      expect(await unscheduleEventBots(tx, [a])).toEqual([]); // still used by b
    });
    expect((await call('GET', `/api/v2/calendar-events/${b}/`)).body.bots).toHaveLength(1);
    const deleted = await withTransaction(ctx.deps.pool, (tx) => unscheduleCalendarBots(tx, calA));
    expect(deleted).toHaveLength(1); // the solo bot
    expect(await scheduledBots(ws.id)).toBe(1);
    await withTransaction(ctx.deps.pool, (tx) => unscheduleCalendarBots(tx, calB));
    expect(await scheduledBots(ws.id)).toBe(0);
  });

  it('moves the event to a new key and deletes the old bot when unused; a dispatched key starts a new bot', async () => {
    const ws = await createWorkspace(ctx.deps);
    const call = api(ctx, ws.auth);
    const cal = await makeCalendar(ctx.deps, ws.id, 'a@acme.com');
    const ev = await makeEvent(ctx.deps, ws.id, cal, { start: inAnHour() });
    const first = (await call('POST', `/api/v2/calendar-events/${ev}/bot/`, { deduplication_key: 'k1', bot_config: {} })).body.bots[0].bot_id;
    const moved = await call('POST', `/api/v2/calendar-events/${ev}/bot/`, { deduplication_key: 'k2', bot_config: { join_at: new Date(Date.now() + 1800_000).toISOString() } });
    expect(moved.body.bots).toHaveLength(1);
    expect(moved.body.bots[0].bot_id).not.toBe(first);
    expect((await call('GET', `/api/v1/bot/${first}/`)).status).toBe(404);
    // Pretend the bot was dispatched: the same key now creates a second bot, and both stay listed (perpetual events).
    await ctx.deps.pool.query(`UPDATE bots SET phase = 'dispatched', dispatched_at = now() WHERE id = $1`, [moved.body.bots[0].bot_id]);
    const again = await call('POST', `/api/v2/calendar-events/${ev}/bot/`, { deduplication_key: 'k2', bot_config: {} });
    expect(again.body.bots).toHaveLength(2);
    expect((await call('DELETE', `/api/v2/calendar-events/${ev}/bot/`)).body.bots).toHaveLength(1);
    expect((await call('DELETE', `/api/v1/bot/${moved.body.bots[0].bot_id}/`)).status).toBe(405);
  });
});
