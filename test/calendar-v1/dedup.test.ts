// V1 bot deduplication (api-contract §3.8): users of one workspace in the same meeting share one bot per calendar
// platform (or across platforms when the workspace says so); a shared bot survives until its last meeting lets go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../calendars/harness.js';
import { cal, calendarPlatform, consent, followCallback, minutesFromNow, mintToken, setupOAuthClient, type V1Platform } from './v1-helpers.js';

const ZOOM = 'https://zoom.us/j/5551234567';
let h: Harness;

async function connectUser(userId: string, p: V1Platform, email: string, start: string): Promise<{ token: string; eventId: string }> {
  await h.createAccount(calendarPlatform(p), email);
  const ev = await h.control(calendarPlatform(p), 'POST', `/accounts/${email}/events`, {
    summary: 'All hands with partner', start, end: minutesFromNow(200), conferenceUrl: ZOOM, organizer: 'host@partner.test',
    selfResponseStatus: 'accepted', attendees: [{ email, responseStatus: 'accepted' }, { email: 'host@partner.test', responseStatus: 'accepted' }],
  });
  const token = await mintToken(h, userId);
  await cal(h, token, 'PATCH', '/api/v1/calendar/user/', { preferences: { record_external: true, bot_name: `Bot of ${userId}` } });
  const built = await cal(h, token, 'GET', `/api/v1/calendar/oauth-url/?platform=${p}`);
  const back = await followCallback(await consent(p, built.body.url, email));
  expect(back.status).toBe(200);
  return { token, eventId: ev.id };
}

async function botOf(token: string): Promise<string | null> {
  return h.waitFor('meeting with bot', async () => {
    const list = (await cal(h, token, 'GET', '/api/v1/calendar/meetings/')).body;
    const m = list.find((x: { title: string }) => x.title === 'All hands with partner');
    return m?.bot_id ? m.bot_id : null;
  });
}

beforeAll(async () => {
  h = await startHarness();
  await setupOAuthClient(h, 'google');
  await setupOAuthClient(h, 'microsoft');
}, 120_000);
afterAll(async () => h?.close());

describe('V1 bot deduplication', () => {
  it('shares one bot per calendar platform, lists every meeting on it, and keeps it until the last meeting goes', async () => {
    const start = minutesFromNow(150);
    const a = await connectUser('dedup-a', 'google', 'ann@acme.test', start);
    const b = await connectUser('dedup-b', 'google', 'ben@acme.test', start);
    const m = await connectUser('dedup-m', 'microsoft', 'mia@acme.test', start);
    const botA = await botOf(a.token);
    const botB = await botOf(b.token);
    const botM = await botOf(m.token);
    expect(botB).toBe(botA);
    expect(botM).not.toBe(botA);
    const shared = await h.api('GET', `/api/v1/bot/${botA}/`);
    expect(shared.body.calendar_meetings.map((x: { calendar_user: { external_id: string } }) => x.calendar_user.external_id)).toEqual(['dedup-a', 'dedup-b']);
    expect(shared.body.bot_name).toBe('Bot of dedup-a');

    // Ann's meeting is cancelled: she lets go, the bot stays for Ben; Ben's is cancelled too: the bot is deleted.
    await h.control('google_calendar', 'POST', `/accounts/ann@acme.test/events/${a.eventId}/cancel`);
    await cal(h, a.token, 'POST', '/api/v1/calendar/meetings/refresh/');
    await h.waitFor('ann detached', async () => (await h.api('GET', `/api/v1/bot/${botA}/`)).body.calendar_meetings?.length === 1);
    await h.control('google_calendar', 'POST', `/accounts/ben@acme.test/events/${b.eventId}/cancel`);
    await cal(h, b.token, 'POST', '/api/v1/calendar/meetings/refresh/');
    await h.waitFor('bot deleted', async () => (await h.api('GET', `/api/v1/bot/${botA}/`)).status === 404);
  }, 120_000);

  it('shares across Google and Microsoft when the workspace asks for it', async () => {
    expect((await h.api('PATCH', '/api/v2/workspace/calendar-v1/', { deduplicate_across_platforms: true })).status).toBe(200);
    const start = minutesFromNow(170);
    const g = await connectUser('cross-g', 'google', 'gus@acme.test', start);
    const m = await connectUser('cross-m', 'microsoft', 'meg@acme.test', start);
    expect(await botOf(m.token)).toBe(await botOf(g.token));
  }, 120_000);
});
