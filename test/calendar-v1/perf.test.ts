// How long V1 auto-recording takes for a busy user: 400 upcoming external meetings (distinct Zoom ids), one
// preference change that schedules a bot for each, then one that removes them all. Prints the figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCalendar } from '../../src/db/calendars.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';

const N = 400;
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ RATE_LIMIT_ENABLED: 'false' });
});
afterAll(async () => ctx?.close());

describe('V1 auto-recording cost', () => {
  it(`schedules and removes ${N} bots from one preference change each`, async () => {
    const ws = await createWorkspace(ctx.deps);
    const auth = await ctx.app.inject({ method: 'POST', url: '/api/v1/calendar/authenticate/', headers: { authorization: ws.auth }, payload: { user_id: 'busy' } });
    const token = auth.json().token;
    const userId = (await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/user/', headers: { 'x-recallcalendarauthtoken': token } })).json().id;
    const enc = (s: string) => ctx.deps.secrets.encrypt(s);
    const cal = await insertCalendar(ctx.deps.pool, { workspaceId: ws.id, calendarUserId: userId, platform: 'google_calendar', clientIdEnc: enc('c'), clientSecretEnc: enc('s'), refreshTokenEnc: enc('r'), oauthEmail: 'busy@acme.test', webhookUrl: null });
    await ctx.deps.pool.query(
      `INSERT INTO calendar_events (workspace_id, calendar_id, platform_id, ical_uid, start_time, end_time, meeting_url, meeting_platform, raw, content_hash)
       SELECT $1, $2, 'ev' || i, 'ev' || i || '@google.com', now() + (i || ' hours')::interval, now() + (i || ' hours')::interval + interval '30 minutes',
              'https://zoom.us/j/' || (7000000000 + i), 'zoom',
              jsonb_build_object('id', 'ev' || i, 'summary', 'Call ' || i, 'organizer', jsonb_build_object('email', 'busy@acme.test', 'self', true),
                                 'attendees', jsonb_build_array(jsonb_build_object('email', 'x' || i || '@partner.test', 'responseStatus', 'accepted'))),
              'h' || i
         FROM generate_series(1, $3) AS i`,
      [ws.id, cal.id, N],
    );
    const patch = (preferences: Record<string, boolean>) =>
      ctx.app.inject({ method: 'PATCH', url: '/api/v1/calendar/user/', headers: { 'x-recallcalendarauthtoken': token }, payload: { preferences } });
    let t = performance.now();
    expect((await patch({ record_external: true })).statusCode).toBe(200);
    const scheduleMs = Math.round(performance.now() - t);
    const bots = await ctx.deps.pool.query(`SELECT count(*)::int AS n FROM bots WHERE workspace_id = $1`, [ws.id]);
    expect(bots.rows[0].n).toBe(N);
    t = performance.now();
    const list = await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/meetings/', headers: { 'x-recallcalendarauthtoken': token } });
    const listMs = Math.round(performance.now() - t);
    expect(list.json().filter((m: { bot_id: string | null }) => m.bot_id).length).toBe(list.json().length);
    t = performance.now();
    expect((await patch({ record_external: false })).statusCode).toBe(200);
    const removeMs = Math.round(performance.now() - t);
    expect((await ctx.deps.pool.query(`SELECT count(*)::int AS n FROM bots WHERE workspace_id = $1`, [ws.id])).rows[0].n).toBe(0);
    process.stderr.write(`calendar v1 figures: ${JSON.stringify({ meetings: N, schedule_all_ms: scheduleMs, list_meetings_ms: listMs, meetings_listed: list.json().length, remove_all_ms: removeMs })}\n`);
  }, 120_000);
});
