// A browser client's whole V1 journey against the emulators over real HTTP, for Google and for Microsoft:
// token, oauth-url, consent, callback, polling /user/, meetings, preferences, overrides, automatic bots that
// follow a moved meeting and a decline, refresh, disconnect, delete (api-contract §3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../calendars/harness.js';
import { cal, calendarPlatform, consent, followCallback, minutesFromNow, mintToken, setupOAuthClient, type V1Platform } from './v1-helpers.js';

const ZOOM = 'https://us02web.zoom.us/j/84315220467?pwd=Xy12ab';
const MEET = 'https://meet.google.com/abc-defg-hij';

describe.each(['google', 'microsoft'] as V1Platform[])('V1 journey (%s)', (p) => {
  let h: Harness;
  const email = `alice.${p}@acme.test`;
  const plat = calendarPlatform(p);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness();
    await setupOAuthClient(h, p);
    await h.createAccount(plat, email);
    const make = async (name: string, input: Record<string, unknown>) => {
      ids[name] = (await h.control(plat, 'POST', `/accounts/${email}/events`, input)).id;
    };
    // Hosted by alice, with an external guest.
    await make('external', { summary: 'Design review', start: minutesFromNow(120), end: minutesFromNow(150), conferenceUrl: ZOOM, attendees: [{ email: 'bob@partner.test', name: 'Bob', responseStatus: 'accepted' }] });
    // Organised by a colleague; alice has accepted.
    await make('internal', { summary: 'Team sync', start: minutesFromNow(180), end: minutesFromNow(210), conferenceUrl: MEET, organizer: 'carol@acme.test', attendees: [{ email, responseStatus: 'accepted' }, { email: 'carol@acme.test', responseStatus: 'accepted' }] });
    // Organised outside, alice accepted: recorded by "external" until she declines with record_confirmed.
    await make('invited', { summary: 'Partner call', start: minutesFromNow(240), end: minutesFromNow(270), conferenceUrl: ZOOM.replace('84315220467', '99887766554'), organizer: 'dave@partner.test', selfResponseStatus: 'accepted', attendees: [{ email, responseStatus: 'accepted' }, { email: 'dave@partner.test', responseStatus: 'accepted' }] });
    await make('allday', { summary: 'Offsite', start: minutesFromNow(60 * 24 * 2).slice(0, 10), end: minutesFromNow(60 * 24 * 3).slice(0, 10), allDay: true, conferenceUrl: MEET });
    await make('nolink', { summary: 'Lunch', start: minutesFromNow(300), end: minutesFromNow(330) });
  }, 120_000);
  afterAll(async () => h?.close());

  it('connects, lists meetings, follows preferences, overrides, moves, declines, disconnects and deletes', async () => {
    const token = await mintToken(h, `user-${p}`);

    // 1. The app asks rollcall for the provider URL, the user consents, the provider redirects to rollcall.
    const built = await cal(h, token, 'GET', `/api/v1/calendar/oauth-url/?platform=${p}&success_url=${encodeURIComponent('https://app.example/connected?tab=calendar')}`);
    expect(built.status).toBe(200);
    expect(built.body.redirect_uri).toBe(`${h.base}/api/v1/calendar/${p === 'google' ? 'google' : 'ms'}_oauth_callback/`);
    const authorize = new URL(built.body.url);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const back = await followCallback(await consent(p, built.body.url, email));
    expect(back.status).toBe(302);
    expect(back.location).toBe('https://app.example/connected?tab=calendar');
    // The same callback URL again (a replayed state and code) changes nothing and fails.
    const replay = await followCallback(await consent(p, built.body.url, email));
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('Calendar connection failed!');

    // 2. Poll /user/ until connected.
    const user = await h.waitFor('connected', async () => {
      const u = await cal(h, token, 'GET', '/api/v1/calendar/user/');
      return u.body.connections[0].connected ? u.body : null;
    });
    expect(user.connections[0]).toMatchObject({ connected: true, platform: p, email });
    expect(user.connections[1]).toEqual({ connected: false, platform: p === 'google' ? 'microsoft' : 'google', email: null, id: null });

    // 3. Meetings appear after the first sync; nothing records by default.
    const meetings = await h.waitFor('meetings', async () => {
      const r = await cal(h, token, 'GET', '/api/v1/calendar/meetings');
      return r.body.length >= 5 ? r.body : null;
    });
    expect(meetings.map((m: any) => m.start_time)).toEqual([...meetings.map((m: any) => m.start_time)].sort());
    const byTitle = (list: any[], t: string) => list.find((m) => m.title === t);
    const ext = byTitle(meetings, 'Design review');
    expect(ext).toMatchObject({
      override_should_record: null,
      will_record: false,
      will_record_reason: 'No recording preferences are enabled',
      platform: 'zoom',
      meeting_platform: 'zoom',
      calendar_platform: p,
      zoom_invite: { meeting_id: '84315220467' },
      teams_invite: null,
      meet_invite: null,
      webex_invite: null,
      bot_id: null,
      is_external: true,
      is_hosted_by_me: true,
      is_recurring: false,
      organizer_email: email,
    });
    expect(ext.attendee_emails).toEqual(expect.arrayContaining([email, 'bob@partner.test']));
    expect(ext.attendees.find((a: any) => a.email === email)).toMatchObject({ is_organizer: true, status: 'accepted' });
    expect(byTitle(meetings, 'Team sync')).toMatchObject({ platform: 'google_meet', meet_invite: { meeting_id: 'abc-defg-hij' }, is_external: false, is_hosted_by_me: false });
    expect(byTitle(meetings, 'Offsite')).toMatchObject({ will_record: false, will_record_reason: 'All-day meetings are not recorded' });
    expect(byTitle(meetings, 'Lunch')).toMatchObject({ platform: null, will_record: false, will_record_reason: 'Meeting has no supported meeting link' });
    const one = await cal(h, token, 'GET', `/api/v1/calendar/meetings/${ext.id.toUpperCase()}/`);
    expect(one.body.id).toBe(ext.id);
    const filtered = await cal(h, token, 'GET', `/api/v1/calendar/meetings/?ical_uid=${encodeURIComponent(ext.ical_uid.slice(0, 8))}&start_time_after=${encodeURIComponent(ext.start_time)}&start_time_before=${encodeURIComponent(ext.start_time)}`);
    expect(filtered.body.map((m: any) => m.id)).toEqual([ext.id]);

    // 4. Record external meetings: bots appear at once, joining 2 minutes early, named from the preferences.
    const prefs = await cal(h, token, 'PATCH', '/api/v1/calendar/user/', { preferences: { record_external: true, bot_name: 'Acme Notes' } });
    expect(prefs.status).toBe(200);
    let list = (await cal(h, token, 'GET', '/api/v1/calendar/meetings/')).body;
    const recorded = byTitle(list, 'Design review');
    expect(recorded).toMatchObject({ will_record: true, will_record_reason: 'Matches recording preference: external meeting' });
    expect(recorded.bot_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(byTitle(list, 'Team sync')).toMatchObject({ will_record: false, will_record_reason: 'Meeting does not match your recording preferences', bot_id: null });
    const bot = (await h.ctx.deps.pool.query('SELECT * FROM bots WHERE id = $1', [recorded.bot_id])).rows[0];
    expect(bot.join_at.getTime()).toBe(new Date(recorded.start_time).getTime() - 120_000);
    expect(bot.bot_name).toBe('Acme Notes');
    expect(bot.source).toBe('v1_meeting');

    // Retrieve Bot links back to the meeting and its calendar user.
    const apiBot = await h.api('GET', `/api/v1/bot/${recorded.bot_id}/`);
    expect(apiBot.status).toBe(200);
    expect(apiBot.body.calendar_meetings).toEqual([
      { id: recorded.id, start_time: recorded.start_time, end_time: recorded.end_time, calendar_user: { id: user.id, external_id: `user-${p}` } },
    ]);

    // V1 connections and meetings belong to the V1 surface: the V2 API does not list or expose them.
    expect((await h.api('GET', '/api/v2/calendars/')).body.results).toEqual([]);
    expect((await h.api('GET', `/api/v2/calendar-events/${recorded.id}/`)).status).toBe(404);

    // 5. Override: on for the internal meeting, then back to the preferences.
    const internal = byTitle(list, 'Team sync');
    const on = await cal(h, token, 'PUT', `/api/v1/calendar/meetings/${internal.id}/`, { override_should_record: true });
    expect(on.body).toMatchObject({ override_should_record: true, will_record: true, will_record_reason: 'Recording turned on for this meeting' });
    expect(on.body.bot_id).toMatch(/^[0-9a-f-]{36}$/);
    const off = await cal(h, token, 'PATCH', `/api/v1/calendar/meetings/${internal.id}`, { override_should_record: null });
    expect(off.body).toMatchObject({ override_should_record: null, will_record: false, bot_id: null });
    expect((await h.ctx.deps.pool.query('SELECT 1 FROM bots WHERE id = $1', [on.body.bot_id])).rowCount).toBe(0);

    // 6. The recorded meeting moves at the provider: its bot moves with it.
    const newStart = minutesFromNow(135);
    await h.control(plat, 'PATCH', `/accounts/${email}/events/${ids.external}`, { start: newStart, end: minutesFromNow(165) });
    const refreshed = await cal(h, token, 'POST', '/api/v1/calendar/meetings/refresh');
    expect(refreshed.status).toBe(200);
    const moved = await h.waitFor('moved', async () => {
      const m = byTitle((await cal(h, token, 'GET', '/api/v1/calendar/meetings/')).body, 'Design review');
      return m.start_time.startsWith(newStart.slice(0, 16)) ? m : null;
    });
    expect(moved.bot_id).toBe(recorded.bot_id);
    const movedBot = (await h.ctx.deps.pool.query('SELECT join_at FROM bots WHERE id = $1', [moved.bot_id])).rows[0];
    expect(movedBot.join_at.getTime()).toBe(new Date(newStart).getTime() - 120_000);

    // 7. Only accepted: the invited meeting records until alice declines it.
    await cal(h, token, 'PATCH', '/api/v1/calendar/user/', { preferences: { record_confirmed: true } });
    list = (await cal(h, token, 'GET', '/api/v1/calendar/meetings/')).body;
    const invited = byTitle(list, 'Partner call');
    expect(invited).toMatchObject({ will_record: true, is_hosted_by_me: false });
    expect(invited.bot_id).not.toBeNull();
    await h.control(plat, 'POST', `/accounts/${email}/events/${ids.invited}/respond`, { responseStatus: 'declined' });
    await cal(h, token, 'POST', '/api/v1/calendar/meetings/refresh/');
    const declined = await h.waitFor('declined', async () => {
      const m = byTitle((await cal(h, token, 'GET', '/api/v1/calendar/meetings/')).body, 'Partner call');
      return m.will_record === false ? m : null;
    });
    expect(declined).toMatchObject({ will_record_reason: 'You have not accepted this meeting', bot_id: null });
    expect((await h.ctx.deps.pool.query('SELECT 1 FROM bots WHERE id = $1', [invited.bot_id])).rowCount).toBe(0);

    // A V1 bot deleted through the Bot API stays deleted while the meeting keeps its time and link.
    expect((await h.api('DELETE', `/api/v1/bot/${moved.bot_id}/`)).status).toBe(204);
    await cal(h, token, 'PATCH', '/api/v1/calendar/user/', { preferences: { record_recurring: true } });
    const kept = byTitle((await cal(h, token, 'GET', '/api/v1/calendar/meetings/')).body, 'Design review');
    expect(kept).toMatchObject({ will_record: true, bot_id: null });

    // V1 connections send no calendar webhooks.
    const calendarId = user.connections[0].id;
    expect(h.webhooks.filter((w) => w.data.calendar_id === calendarId)).toEqual([]);

    // 8. Disconnect the platform: entry reset, meetings and future bots gone.
    const disc = await cal(h, token, 'POST', '/api/v1/calendar/user/disconnect/', { platform: p });
    expect(disc.status).toBe(200);
    expect(disc.body.connections.every((c: any) => !c.connected && c.id === null)).toBe(true);
    expect((await cal(h, token, 'GET', '/api/v1/calendar/meetings/')).body).toEqual([]);
    expect((await h.ctx.deps.pool.query('SELECT 1 FROM bots WHERE id = $1', [moved.bot_id])).rowCount).toBe(0);

    // 9. Delete the user: 204, and the token stops working.
    const del = await cal(h, token, 'DELETE', '/api/v1/calendar/user/');
    expect(del.status).toBe(204);
    expect(del.headers.get('access-control-allow-origin')).toBe('*');
    expect((await cal(h, token, 'GET', '/api/v1/calendar/user/')).status).toBe(401);
  }, 120_000);
});
