// Expired sync state, dropped / duplicated / reordered notifications, 429 storms and 5xx bursts injected by the
// emulators: after the faults clear, the calendar holds exactly the event set a clean full sync produces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoursFromNow, startHarness, type Harness, type Platform } from './harness.js';

let h: Harness;
beforeAll(async () => {
  // The safety net runs every 2 s here, standing in for the hourly one, so dropped notifications are caught.
  h = await startHarness({ SYNC_SAFETY_NET_SECONDS: '2', SYNC_MAX_BACKOFF_SECONDS: '2' });
});
afterAll(async () => {
  await h?.close();
});

const list = (x: any): any[] => (Array.isArray(x) ? x : x.value ?? x.items);

/** Live events as comparable fingerprints: provider id, times, title. */
async function liveSet(calendarId: string): Promise<string[]> {
  const rows = await h.allEvents(calendarId, '&is_deleted=false');
  return rows.map((e) => `${e.platform_id}|${e.start_time}|${e.end_time}|${e.raw.summary ?? e.raw.subject}`).sort();
}

describe.each<Platform>(['google_calendar', 'microsoft_outlook'])('%s', (platform) => {
  it('ends with the same event set as a clean full sync', async () => {
    const email = `faults-${platform}@example.com`;
    const account = await h.createAccount(platform, email);
    await h.control(platform, 'POST', `/accounts/${email}/seed-week`, { seed: 7 });
    const cal = await h.connect(platform, account);
    await h.waitFor('connected', async () => (await h.api('GET', `/api/v2/calendars/${cal.id}/`)).body.push_channel_expires_at);
    const events = list(await h.control(platform, 'GET', `/accounts/${email}/events`));
    const ids = events.map((e) => e.id as string);
    let n = 0;
    const mutate = async () => {
      n++;
      await h.control(platform, 'POST', `/accounts/${email}/events`, { summary: `Fault ${n}`, start: hoursFromNow(30 + n), end: hoursFromNow(31 + n) });
      await h.control(platform, 'PATCH', `/accounts/${email}/events/${ids[n]}`, { summary: `Renamed ${n}` });
    };

    await h.control(platform, 'POST', `/accounts/${email}/expire-sync-state`);
    await mutate();
    await h.control(platform, 'POST', '/faults', { kind: 'drop_notifications', account: email, count: 3 });
    await mutate();
    await h.control(platform, 'POST', '/faults', { kind: 'duplicate_notifications', account: email, count: 5 });
    await mutate();
    await h.control(platform, 'POST', '/faults', { kind: 'reorder_notifications', account: email, count: 5 });
    await mutate();
    await h.control(platform, 'POST', '/faults', { kind: 'rate_limit', account: email, retryAfter: 1, count: 6 });
    await mutate();
    await h.control(platform, 'POST', '/faults', { kind: 'error', status: 503, account: email, count: 4 });
    await mutate();
    await h.control(platform, 'POST', `/accounts/${email}/events/${ids[10]}/cancel`);

    // A second calendar on the same account, connected after the storm, is the clean full sync to compare with.
    const clean = await h.connect(platform, account);
    await h.waitFor('clean connected', async () => (await h.api('GET', `/api/v2/calendars/${clean.id}/`)).body.status === 'connected');
    const expected = await liveSet(clean.id);
    expect(expected.length).toBeGreaterThan(10);
    const got = await h.waitFor('faulted calendar converges', async () => {
      const s = await liveSet(cal.id);
      return JSON.stringify(s) === JSON.stringify(expected) ? s : null;
    }, 30_000);
    expect(got).toEqual(expected);
    const health = (await h.api('GET', `/api/v2/calendars/${cal.id}/`)).body;
    expect(health.status).toBe('connected');
  });

  it('sends no request before Retry-After has passed', async () => {
    const email = `retry-after-${platform}@example.com`;
    const account = await h.createAccount(platform, email);
    const cal = await h.connect(platform, account);
    await h.waitFor('connected', async () => (await h.api('GET', `/api/v2/calendars/${cal.id}/`)).body.push_channel_expires_at);
    await h.control(platform, 'POST', '/faults', { kind: 'rate_limit', account: email, retryAfter: 2, count: 1 });
    await h.control(platform, 'POST', `/accounts/${email}/events`, { summary: 'Throttled', start: hoursFromNow(2), end: hoursFromNow(3) });
    await h.waitFor('event after throttling', async () => (await h.allEvents(cal.id)).some((e) => (e.raw.summary ?? e.raw.subject) === 'Throttled'), 15_000);
    const log: { at: string; status: number; path: string }[] = list(await h.control(platform, 'GET', `/requests?account=${encodeURIComponent(email)}&limit=500`));
    const i = log.findIndex((r) => r.status === 429);
    expect(i).toBeGreaterThanOrEqual(0);
    const next = log.slice(i + 1).find((r) => !r.path.includes('subscriptions') && !r.path.includes('watch'));
    expect(next).toBeDefined();
    expect(Date.parse(next!.at) - Date.parse(log[i].at)).toBeGreaterThanOrEqual(1900);
  });
});
