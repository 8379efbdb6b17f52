// A V1 connection whose grant dies: the connection shows `connected: false` (email and id kept) and the bots of
// its meetings are unscheduled, as for a disconnected V2 calendar (api-contract §3.4, providers.md §5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../calendars/harness.js';
import { cal, consent, followCallback, minutesFromNow, mintToken, setupOAuthClient } from './v1-helpers.js';

describe('V1 connection revoked at the provider', () => {
  let h: Harness;
  const email = 'rita@acme.test';

  beforeAll(async () => {
    h = await startHarness();
    await setupOAuthClient(h, 'google');
    await h.createAccount('google_calendar', email);
    await h.control('google_calendar', 'POST', `/accounts/${email}/events`, {
      summary: 'Customer call',
      start: minutesFromNow(90),
      end: minutesFromNow(120),
      conferenceUrl: 'https://meet.google.com/abc-defg-hij',
      attendees: [{ email: 'x@customer.test', responseStatus: 'accepted' }],
    });
  }, 120_000);
  afterAll(async () => h?.close());

  it('marks the connection disconnected and removes its scheduled bots', async () => {
    const token = await mintToken(h, 'user-rita');
    const built = await cal(h, token, 'GET', '/api/v1/calendar/oauth-url/?platform=google');
    expect((await followCallback(await consent('google', built.body.url, email))).status).toBe(200);
    await cal(h, token, 'PATCH', '/api/v1/calendar/user/', { preferences: { record_external: true } });
    const meeting = await h.waitFor('bot scheduled', async () => {
      const list = (await cal(h, token, 'GET', '/api/v1/calendar/meetings/')).body;
      return list.find((m: any) => m.title === 'Customer call' && m.bot_id) ?? null;
    });

    await h.control('google_calendar', 'POST', `/accounts/${email}/revoke`);
    await cal(h, token, 'POST', '/api/v1/calendar/meetings/refresh/');
    const user = await h.waitFor('disconnected', async () => {
      const u = (await cal(h, token, 'GET', '/api/v1/calendar/user/')).body;
      return u.connections.find((c: any) => c.platform === 'google' && !c.connected && c.id) ? u : null;
    });
    expect(user.connections.find((c: any) => c.platform === 'google')).toMatchObject({ connected: false, email });
    expect((await h.ctx.deps.pool.query('SELECT 1 FROM bots WHERE id = $1', [meeting.bot_id])).rowCount).toBe(0);
  });
});
