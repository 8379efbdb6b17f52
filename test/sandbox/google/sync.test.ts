// events.list conformance (providers.md §2.1–2.4): pagination, sync tokens, rejected combinations, 410s,
// cancelled items in incremental results, showDeleted, time bounds, events.get.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.em.close();
});

const timed = (i: number, summary = `Event ${i}`) => ({
  summary,
  start: new Date(Date.UTC(2030, 0, 1, 9) + i * 3_600_000).toISOString(),
  end: new Date(Date.UTC(2030, 0, 1, 9, 30) + i * 3_600_000).toISOString(),
});

describe('events.list pagination and sync tokens', () => {
  it('nextSyncToken appears only on the last page, never with nextPageToken', async () => {
    for (let i = 0; i < 7; i++) await h.createEvent(timed(i));
    const { items, pages, nextSyncToken } = await h.listAll({ maxResults: '3', singleEvents: 'true' });
    expect(items).toHaveLength(7);
    expect(pages.length).toBe(3);
    for (const p of pages.slice(0, -1)) {
      expect(p.nextPageToken).toBeDefined();
      expect(p.nextSyncToken).toBeUndefined();
    }
    expect(pages.at(-1).nextPageToken).toBeUndefined();
    expect(nextSyncToken).toBeDefined();
    expect(pages[0]).toMatchObject({ kind: 'calendar#events', summary: h.account.email, accessRole: 'owner', timeZone: 'UTC' });
  });

  it('incremental sync returns only changes, including cancelled stubs; empty results reuse a token', async () => {
    const evs = [];
    for (let i = 0; i < 5; i++) evs.push(await h.createEvent(timed(i)));
    const full = await h.listAll({ singleEvents: 'true' });
    const empty = await h.list({ singleEvents: 'true', syncToken: full.nextSyncToken });
    expect(empty.body.items).toEqual([]);
    expect(empty.body.nextSyncToken).toBeDefined();

    await h.control('PATCH', `/accounts/${h.account.email}/events/${evs[1].id}`, { summary: 'Renamed' });
    await h.control('POST', `/accounts/${h.account.email}/events/${evs[2].id}/cancel`);
    await h.control('DELETE', `/accounts/${h.account.email}/events/${evs[3].id}`);
    const added = await h.createEvent(timed(9));
    const inc = await h.listAll({ singleEvents: 'true', syncToken: empty.body.nextSyncToken, maxResults: '2' });
    const byId = new Map(inc.items.map((i) => [i.id, i]));
    expect([...byId.keys()].sort()).toEqual([evs[1].id, evs[2].id, evs[3].id, added.id].sort());
    expect(byId.get(evs[1].id).summary).toBe('Renamed');
    expect(byId.get(evs[2].id).status).toBe('cancelled');
    expect(byId.get(evs[3].id)).toEqual({ kind: 'calendar#event', etag: expect.any(String), id: evs[3].id, status: 'cancelled' });
    // Paginated incremental results: same syncToken on every page, token only on the last one.
    expect(inc.pages.length).toBe(2);
    expect(inc.pages[0].nextSyncToken).toBeUndefined();

    // Full listings hide cancelled items unless showDeleted=true.
    const visible = await h.listAll({ singleEvents: 'true' });
    expect(visible.items.map((i) => i.id)).not.toContain(evs[2].id);
    const withDeleted = await h.listAll({ singleEvents: 'true', showDeleted: 'true' });
    expect(withDeleted.items.map((i) => i.id)).toEqual(expect.arrayContaining([evs[2].id, evs[3].id]));
  });

  it('rejects the combinations Google rejects', async () => {
    const { nextSyncToken } = await h.listAll({});
    const forbidden: Record<string, string>[] = [
      { timeMin: '2030-01-01T00:00:00Z' },
      { timeMax: '2030-01-01T00:00:00Z' },
      { updatedMin: '2030-01-01T00:00:00Z' },
      { orderBy: 'updated' },
      { q: 'x' },
      { iCalUID: 'x@google.com' },
      { privateExtendedProperty: 'a=b' },
      { sharedExtendedProperty: 'a=b' },
      { showDeleted: 'false' },
    ];
    for (const extra of forbidden) {
      const res = await h.list({ syncToken: nextSyncToken, ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.error.message).toBe('Sync token cannot be used with other request restrictions.');
    }
    expect((await h.list({ syncToken: nextSyncToken, showDeleted: 'true', singleEvents: 'true', maxResults: '10' })).status).toBe(200);
    expect((await h.list({ orderBy: 'startTime' })).status).toBe(400);
    const empty = await h.list({ timeMin: '2030-01-02T00:00:00Z', timeMax: '2030-01-01T00:00:00Z' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.errors[0].reason).toBe('timeRangeEmpty');
    expect((await h.list({ timeMin: '2030-01-01' })).status).toBe(400);
    expect((await h.list({ maxResults: '0' })).status).toBe(400);
  });

  it('410 fullSyncRequired for expired, unknown and foreign tokens', async () => {
    const { nextSyncToken } = await h.listAll({});
    await h.control('POST', `/accounts/${h.account.email}/expire-sync-state`);
    for (const token of [nextSyncToken, 'garbage', 'CeyJhIjoieCIsImUiOjEsInMiOjB9']) {
      const res = await h.list({ syncToken: token });
      expect(res.status).toBe(410);
      expect(res.body.error.errors[0]).toMatchObject({ domain: 'calendar', reason: 'fullSyncRequired', location: 'syncToken' });
      expect(res.body.error.code).toBe(410);
    }
    // A fresh full sync gives a working token again.
    const again = await h.listAll({});
    expect((await h.list({ syncToken: again.nextSyncToken })).status).toBe(200);
  });

  it('a page token belongs to its query', async () => {
    for (let i = 0; i < 3; i++) await h.createEvent(timed(i));
    const first = await h.list({ maxResults: '1' });
    expect((await h.list({ maxResults: '1', pageToken: first.body.nextPageToken, singleEvents: 'true' })).status).toBe(400);
  });

  it('timeMin bounds the end and timeMax the start (exclusive); maxResults above 2500 is capped', async () => {
    await h.createEvent(timed(0)); // 09:00-09:30
    await h.createEvent(timed(1)); // 10:00-10:30
    const r = await h.listAll({ timeMin: '2030-01-01T09:30:00Z', timeMax: '2030-01-01T10:00:01Z', singleEvents: 'true' });
    expect(r.items.map((i) => i.summary)).toEqual(['Event 1']);
    expect((await h.list({ maxResults: '99999' })).status).toBe(200);
  });

  it('all-day events, attendees with self/organizer, conference data, events.get', async () => {
    const allDay = await h.createEvent({ summary: 'Offsite', start: '2030-02-03', end: '2030-02-05', allDay: true });
    expect(allDay.start).toEqual({ date: '2030-02-03' });
    expect(allDay.end).toEqual({ date: '2030-02-05' });
    const invite = await h.createEvent({
      ...timed(2, 'Sync'),
      timeZone: 'America/Los_Angeles',
      organizer: 'bob@acme.test',
      attendees: [{ email: 'bob@acme.test' }, { email: 'room@resource.test', resource: true }],
      selfResponseStatus: 'declined',
      conferenceUrl: 'https://meet.google.com/abc-defg-hij',
    });
    expect(invite.start).toEqual({ dateTime: '2030-01-01T03:00:00-08:00', timeZone: 'America/Los_Angeles' });
    expect(invite.organizer).toEqual({ email: 'bob@acme.test' });
    expect(invite.attendees).toEqual(
      expect.arrayContaining([
        { email: 'bob@acme.test', organizer: true, responseStatus: 'accepted' },
        { email: h.account.email, self: true, responseStatus: 'declined' },
        { email: 'room@resource.test', resource: true, responseStatus: 'needsAction' },
      ]),
    );
    expect(invite.hangoutLink).toBe('https://meet.google.com/abc-defg-hij');
    expect(invite.conferenceData.conferenceSolution.key.type).toBe('hangoutsMeet');
    const zoom = await h.createEvent({ ...timed(3), conferenceUrl: 'https://us02web.zoom.us/j/84315220467?pwd=Xy12ab' });
    expect(zoom.conferenceData.conferenceSolution.key.type).toBe('addOn');
    expect(zoom.conferenceData.entryPoints[0]).toMatchObject({ entryPointType: 'video', meetingCode: '84315220467', passcode: 'Xy12ab' });
    const solo = await h.createEvent(timed(4));
    expect(solo.attendees).toBeUndefined();
    expect(solo.organizer).toEqual({ email: h.account.email, self: true });

    const got = await h.api(`/calendar/v3/calendars/${encodeURIComponent(h.account.email)}/events/${invite.id}`);
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(invite.id);
    const tz = await h.api(`/calendar/v3/calendars/primary/events/${invite.id}?timeZone=Europe/Madrid`);
    expect(tz.body.start.dateTime).toBe('2030-01-01T12:00:00+01:00');
    expect((await h.api('/calendar/v3/calendars/primary/events/nope')).status).toBe(404);
    expect((await h.api('/calendar/v3/calendars/someone@else.test/events')).status).toBe(404);
    await h.control('POST', `/accounts/${h.account.email}/events/${invite.id}/cancel`);
    const cancelled = await h.api(`/calendar/v3/calendars/primary/events/${invite.id}`);
    expect(cancelled.body).toMatchObject({ id: invite.id, status: 'cancelled' });
    expect(cancelled.body.summary).toBeUndefined(); // an attendee's copy keeps no details
  });

  it('respond changes the self attendee and shows up incrementally', async () => {
    const ev = await h.createEvent({ ...timed(0), organizer: 'bob@acme.test', attendees: [{ email: 'bob@acme.test' }] });
    const { nextSyncToken } = await h.listAll({ singleEvents: 'true' });
    await h.control('POST', `/accounts/${h.account.email}/events/${ev.id}/respond`, { responseStatus: 'accepted' });
    const inc = await h.listAll({ singleEvents: 'true', syncToken: nextSyncToken });
    expect(inc.items).toHaveLength(1);
    expect(inc.items[0].attendees.find((a: any) => a.self).responseStatus).toBe('accepted');
  });
});
