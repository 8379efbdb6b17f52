// Revocation → disconnected (+ calendar.update) → PATCH a new refresh token → connected again; push channel
// renewal with a compressed channel lifetime; Graph subscriptionRemoved re-creates the subscription; DELETE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSync } from '../../src/calendars/sync/schedule.js';
import { hoursFromNow, startHarness, type Harness, type Platform } from './harness.js';

let h: Harness;
beforeAll(async () => {
  // Google channels live 4 s (emulator cap and request); renewal is due 2 s before expiry.
  h = await startHarness({ PUSH_GOOGLE_TTL_SECONDS: '4', PUSH_RENEW_BEFORE_SECONDS: '2' }, { channelTtlSeconds: 4 });
});
afterAll(async () => {
  await h?.close();
});

const getCal = async (id: string) => (await h.api('GET', `/api/v2/calendars/${id}/`)).body;

describe.each<Platform>(['google_calendar', 'microsoft_outlook'])('%s', (platform) => {
  it('disconnects on a revoked grant with the provider error, and a new refresh token reconnects', async () => {
    const email = `revoked-${platform}@example.com`;
    const account = await h.createAccount(platform, email);
    const cal = await h.connect(platform, account);
    await h.waitFor('connected', async () => (await getCal(cal.id)).status === 'connected');
    await h.control(platform, 'POST', `/accounts/${email}/revoke`);
    await requestSync(h.ctx.deps.pool, cal.id); // what the hourly safety net does
    const down = await h.waitFor('disconnected', async () => {
      const c = await getCal(cal.id);
      return c.status === 'disconnected' ? c : null;
    });
    const last = down.status_changes.at(-1);
    expect(last.status).toBe('disconnected');
    expect(last.error_code).toMatch(/invalid_grant|AADSTS/);
    expect(last.error_message).toBeTruthy();
    expect(down.push_channel_expires_at).toBeNull();
    await h.waitFor('calendar.update after disconnect', async () =>
      h.webhooks.filter((w) => w.event === 'calendar.update' && w.data.calendar_id === cal.id).length >= 2);

    // The user consents again: a new grant for the same account.
    const again = await h.control(platform, 'POST', '/accounts', { email, client_id: account.client_id, client_secret: account.client_secret });
    const patched = await h.api('PATCH', `/api/v2/calendars/${cal.id}/`, { oauth_refresh_token: again.refresh_token });
    expect(patched.status).toBe(200);
    expect(patched.body.status).toBe('connecting');
    const up = await h.waitFor('reconnected', async () => {
      const c = await getCal(cal.id);
      return c.status === 'connected' ? c : null;
    });
    expect(up.status_changes.map((c: any) => c.status)).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    expect(up.oauth_refresh_token.length).toBeGreaterThan(0);
  });
});

describe('push channels', () => {
  it('renews a Google channel before it expires and keeps receiving changes', async () => {
    const email = 'renew@example.com';
    const account = await h.createAccount('google_calendar', email);
    const cal = await h.connect('google_calendar', account);
    const first = await h.waitFor('channel', async () => (await getCal(cal.id)).push_channel_expires_at);
    const renewed = await h.waitFor('renewed channel', async () => {
      const exp = (await getCal(cal.id)).push_channel_expires_at;
      return exp && Date.parse(exp) > Date.parse(first) ? exp : null;
    }, 15_000);
    expect(Date.parse(renewed)).toBeGreaterThan(Date.parse(first));
    // After one more renewal, a change still arrives through the current channel.
    await new Promise((r) => setTimeout(r, 2500));
    await h.control('google_calendar', 'POST', `/accounts/${email}/events`, { summary: 'After renewal', start: hoursFromNow(3), end: hoursFromNow(4) });
    await h.waitFor('event after renewal', async () => (await h.allEvents(cal.id)).some((e) => e.raw.summary === 'After renewal'), 10_000);
    const channels = await h.control('google_calendar', 'GET', '/channels');
    expect(JSON.stringify(channels)).toContain('provider-notifications/google');
  });

  it('re-creates a Graph subscription after subscriptionRemoved', async () => {
    const email = 'lifecycle@example.com';
    const account = await h.createAccount('microsoft_outlook', email);
    const cal = await h.connect('microsoft_outlook', account);
    await h.waitFor('subscription', async () => (await getCal(cal.id)).push_channel_expires_at);
    const before = (await h.ctx.deps.pool.query('SELECT push_channel_id FROM calendars WHERE id = $1', [cal.id])).rows[0].push_channel_id;
    await h.control('microsoft_outlook', 'POST', `/subscriptions/${before}/lifecycle`, { event: 'subscriptionRemoved' });
    await h.waitFor('new subscription', async () => {
      const r = await h.ctx.deps.pool.query('SELECT push_channel_id FROM calendars WHERE id = $1', [cal.id]);
      return r.rows[0].push_channel_id && r.rows[0].push_channel_id !== before;
    });
    await h.control('microsoft_outlook', 'POST', `/accounts/${email}/events`, { summary: 'After lifecycle', start: hoursFromNow(3), end: hoursFromNow(4) });
    await h.waitFor('event after re-subscribe', async () => (await h.allEvents(cal.id)).some((e) => e.raw.subject === 'After lifecycle'), 10_000);
  });

  it('rejects forged notifications without touching the calendar', async () => {
    const res = await fetch(`${h.base}/provider-notifications/google/`, {
      method: 'POST',
      headers: { 'x-goog-channel-id': 'nope', 'x-goog-channel-token': 'forged', 'x-goog-resource-state': 'exists' },
    });
    expect(res.status).toBe(401);
    const v = await fetch(`${h.base}/provider-notifications/microsoft/?validationToken=abc%20def`, { method: 'POST', headers: { 'content-type': 'text/plain' } });
    expect(v.status).toBe(200);
    expect(v.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await v.text()).toBe('abc def');
  });

  it('deletes a calendar: 204, then 404 for it and its events, and its channel is stopped', async () => {
    const email = 'deleted@example.com';
    const account = await h.createAccount('google_calendar', email);
    await h.control('google_calendar', 'POST', `/accounts/${email}/events`, { summary: 'x', start: hoursFromNow(3), end: hoursFromNow(4) });
    const cal = await h.connect('google_calendar', account);
    const [ev] = await h.waitFor('events', async () => {
      const list = await h.allEvents(cal.id);
      return list.length ? list : null;
    });
    await h.waitFor('channel', async () => (await getCal(cal.id)).push_channel_expires_at);
    expect((await h.api('DELETE', `/api/v2/calendars/${cal.id}/`)).status).toBe(204);
    expect((await h.api('GET', `/api/v2/calendars/${cal.id}/`)).status).toBe(404);
    expect((await h.api('DELETE', `/api/v2/calendars/${cal.id}/`)).status).toBe(404);
    expect((await h.api('GET', `/api/v2/calendar-events/${ev.id}/`)).status).toBe(404);
    expect(await h.allEvents(cal.id)).toEqual([]);
  });
});
