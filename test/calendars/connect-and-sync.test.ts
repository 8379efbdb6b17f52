// Connecting Google and Microsoft calendars against the emulators, and changes flowing through push
// notifications to calendar.sync_events webhooks and the events list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoursFromNow, startHarness, type Harness, type Platform } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const platforms: Platform[] = ['google_calendar', 'microsoft_outlook'];

describe.each(platforms)('%s', (platform) => {
  const email = `alice-${platform}@example.com`;
  let calendarId = '';

  it('connects, fills platform_email and lists the events within 2 s', async () => {
    const account = await h.createAccount(platform, email);
    await h.control(platform, 'POST', `/accounts/${email}/events`, { summary: 'Kickoff', start: hoursFromNow(2), end: hoursFromNow(3), conferenceUrl: 'https://meet.google.com/abc-defg-hij' });
    const started = Date.now();
    const created = await h.connect(platform, account);
    expect(created.status).toBe('connecting');
    expect(created.platform_email).toBeNull();
    calendarId = created.id;
    const cal = await h.waitFor('connected', async () => {
      const r = await h.api('GET', `/api/v2/calendars/${calendarId}/`);
      return r.body.status === 'connected' ? r.body : null;
    });
    const events = await h.waitFor('events', async () => {
      const list = await h.allEvents(calendarId);
      return list.length === 1 ? list : null;
    });
    expect(Date.now() - started).toBeLessThan(10_000); // the 2 s target is measured by the benchmarks; slack here for a loaded CI machine
    expect(cal.platform_email).toBe(email);
    expect(cal.status_changes.map((c: any) => c.status)).toEqual(['connecting', 'connected']);
    expect(cal.last_synced_at).not.toBeNull();
    await h.waitFor('push channel', async () => (await h.api('GET', `/api/v2/calendars/${calendarId}/`)).body.push_channel_expires_at);
    const ev = events[0];
    expect(ev.platform).toBe(platform);
    expect(ev.is_deleted).toBe(false);
    expect(ev.meeting_platform).toBe('google_meet');
    expect(ev.meeting_url).toBe('https://meet.google.com/abc-defg-hij');
    expect(ev.raw.id).toBe(ev.platform_id);
    const sync = await h.waitFor('first sync_events', async () => h.webhooks.find((w) => w.event === 'calendar.sync_events' && w.data.calendar_id === calendarId));
    // delivery is unordered (§6.6); both must arrive
    await h.waitFor('calendar.update', async () => h.webhooks.find((w) => w.event === 'calendar.update' && w.data.calendar_id === calendarId));
    // updated_at__gte=last_updated_ts returns exactly the first batch
    const since = await h.allEvents(calendarId, `&updated_at__gte=${encodeURIComponent(sync!.data.last_updated_ts)}`);
    expect(since.map((e) => e.id)).toEqual([ev.id]);
  });

  it('turns a created, moved, cancelled and deleted event into sync_events webhooks and listed changes', async () => {
    // Each change must produce a newer batch than any webhook seen so far for this calendar.
    const newest = () => h.webhooks.filter((w) => w.event === 'calendar.sync_events' && w.data.calendar_id === calendarId).reduce((m, w) => Math.max(m, Date.parse(w.data.last_updated_ts)), 0);
    const waitSync = async (seen: number) => {
      return h.waitFor('sync_events webhook', async () => h.webhooks.find((w) => w.event === 'calendar.sync_events' && w.data.calendar_id === calendarId && Date.parse(w.data.last_updated_ts) > seen) ?? null, 15_000);
    };
    const changed = async (ts: string) => h.allEvents(calendarId, `&updated_at__gte=${encodeURIComponent(ts)}`);

    let t0 = newest();
    const started = Date.now();
    const created = await h.control(platform, 'POST', `/accounts/${email}/events`, { summary: 'Added', start: hoursFromNow(5), end: hoursFromNow(6) });
    let hook = await waitSync(t0);
    expect(hook.at - started).toBeLessThan(10_000); // the 2 s target is measured by the change-to-webhook benchmark; slack here for a loaded CI machine
    let rows = await changed(hook.data.last_updated_ts);
    expect(rows.map((r) => r.raw.subject ?? r.raw.summary)).toEqual(['Added']);
    const addedId = rows[0].id;

    t0 = newest();
    const movedTo = hoursFromNow(7); // computed once: a minute boundary must not fall between two calls
    await h.control(platform, 'PATCH', `/accounts/${email}/events/${created.id}`, { start: movedTo, end: hoursFromNow(8) });
    hook = await waitSync(t0);
    rows = await changed(hook.data.last_updated_ts);
    expect(rows.map((r) => r.id)).toEqual([addedId]);
    expect(new Date(rows[0].start_time).toISOString()).toBe(movedTo);

    t0 = newest();
    await h.control(platform, 'POST', `/accounts/${email}/events/${created.id}/cancel`);
    hook = await waitSync(t0);
    rows = await changed(hook.data.last_updated_ts);
    expect(rows.map((r) => [r.id, r.is_deleted])).toEqual([[addedId, true]]);
    expect(rows[0].raw.subject ?? rows[0].raw.summary).toBe('Added'); // last full raw kept

    const other = await h.control(platform, 'POST', `/accounts/${email}/events`, { summary: 'Doomed', start: hoursFromNow(9), end: hoursFromNow(10) });
    const row = await h.waitFor('doomed listed', async () => (await h.allEvents(calendarId)).find((e) => (e.raw.subject ?? e.raw.summary) === 'Doomed'));
    await h.waitFor('doomed webhook', async () => newest() >= Date.parse(row.updated_at));
    t0 = newest();
    await h.control(platform, 'DELETE', `/accounts/${email}/events/${other.id}`);
    hook = await waitSync(t0);
    rows = await changed(hook.data.last_updated_ts);
    expect(rows.map((r) => [r.id, r.is_deleted])).toEqual([[row.id, true]]);
  });

  it('represents a recurring series with a moved and a cancelled instance exactly', async () => {
    const start = new Date(hoursFromNow(24));
    const end = new Date(start.getTime() + 30 * 60_000);
    const series = await h.control(platform, 'POST', `/accounts/${email}/events`, {
      summary: 'Daily standup',
      start: start.toISOString(),
      end: end.toISOString(),
      recurrence: ['RRULE:FREQ=DAILY;COUNT=5'],
    });
    const day = 86_400_000;
    const movedOriginal = new Date(start.getTime() + day);
    const cancelledOriginal = new Date(start.getTime() + 2 * day);
    const movedTo = new Date(movedOriginal.getTime() + 2 * 3_600_000);
    await h.control(platform, 'POST', `/accounts/${email}/events/${series.id}/instances`, { originalStart: movedOriginal.toISOString(), start: movedTo.toISOString(), end: new Date(movedTo.getTime() + 30 * 60_000).toISOString() });
    await h.control(platform, 'POST', `/accounts/${email}/events/${series.id}/instances`, { originalStart: cancelledOriginal.toISOString(), cancel: true });
    const expected = [0, 1, 3, 4].map((i) => (i === 1 ? movedTo : new Date(start.getTime() + i * day)).toISOString()).sort();
    await h.waitFor('series represented', async () => {
      const live = (await h.allEvents(calendarId, '&is_deleted=false')).filter((e) => (e.raw.subject ?? e.raw.summary) === 'Daily standup');
      const starts = live.map((e) => new Date(e.start_time).toISOString()).sort();
      return JSON.stringify(starts) === JSON.stringify(expected) ? live : null;
    });
  });
});
