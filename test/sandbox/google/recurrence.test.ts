// Recurring series (providers.md §2.5, §6): expansion in the series' zone across DST, EXDATE, moved and
// cancelled exceptions with recurringEventId/originalStartTime, and instances in incremental results.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  // The fixtures sit in 2030; widen the expansion horizon (default 400 days from now) to reach them.
  h = await harness({ expansionHorizonDays: 365 * 30 });
});
afterEach(async () => {
  await h.em.close();
});

const series = {
  summary: 'Weekly sync',
  // Mondays 10:00 Madrid, across the 2030-03-31 DST change.
  start: '2030-03-18T10:00:00+01:00',
  end: '2030-03-18T10:30:00+01:00',
  timeZone: 'Europe/Madrid',
  recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5', 'EXDATE;TZID=Europe/Madrid:20300325T100000'],
  conferenceUrl: 'https://meet.google.com/abc-defg-hij',
};

describe('recurring events', () => {
  it('expands with singleEvents, keeps local time across DST, honours EXDATE', async () => {
    const master = await h.createEvent(series);
    expect(master.recurrence).toEqual(series.recurrence);
    const { items } = await h.listAll({ singleEvents: 'true' });
    expect(items.map((i) => i.start.dateTime)).toEqual([
      '2030-03-18T10:00:00+01:00',
      '2030-04-01T10:00:00+02:00',
      '2030-04-08T10:00:00+02:00',
      '2030-04-15T10:00:00+02:00',
    ]);
    expect(items[0].id).toBe(`${master.id}_20300318T090000Z`);
    expect(items[1].id).toBe(`${master.id}_20300401T080000Z`);
    for (const i of items) {
      expect(i.recurringEventId).toBe(master.id);
      expect(i.iCalUID).toBe(master.iCalUID);
      expect(i.recurrence).toBeUndefined();
      expect(i.hangoutLink).toBe('https://meet.google.com/abc-defg-hij');
    }
    // Without singleEvents the series is one item with its recurrence.
    const raw = await h.listAll({});
    expect(raw.items).toHaveLength(1);
    expect(raw.items[0].recurrence).toBeDefined();
    // A window selects instances.
    const win = await h.listAll({ singleEvents: 'true', timeMin: '2030-04-01T00:00:00Z', timeMax: '2030-04-09T00:00:00Z' });
    expect(win.items).toHaveLength(2);
  });

  it('moved and cancelled instances, also in incremental results', async () => {
    const master = await h.createEvent(series);
    const full = await h.listAll({ singleEvents: 'true' });
    await h.control('POST', `/accounts/${h.account.email}/events/${master.id}/instances`, {
      originalStart: '2030-04-01T10:00:00+02:00',
      start: '2030-04-02T15:00:00+02:00',
      end: '2030-04-02T16:00:00+02:00',
    });
    await h.control('POST', `/accounts/${h.account.email}/events/${master.id}/instances`, { originalStart: '2030-04-08T10:00:00+02:00', cancel: true });

    const inc = await h.listAll({ singleEvents: 'true', syncToken: full.nextSyncToken });
    expect(inc.items).toHaveLength(2);
    const moved = inc.items.find((i) => i.id === `${master.id}_20300401T080000Z`);
    expect(moved).toMatchObject({
      status: 'confirmed',
      recurringEventId: master.id,
      originalStartTime: { dateTime: '2030-04-01T10:00:00+02:00', timeZone: 'Europe/Madrid' },
      start: { dateTime: '2030-04-02T15:00:00+02:00' },
    });
    const cancelled = inc.items.find((i) => i.id === `${master.id}_20300408T080000Z`);
    expect(cancelled).toEqual({
      kind: 'calendar#event',
      etag: expect.any(String),
      id: `${master.id}_20300408T080000Z`,
      status: 'cancelled',
      recurringEventId: master.id,
      originalStartTime: { dateTime: '2030-04-08T10:00:00+02:00', timeZone: 'Europe/Madrid' },
    });

    const now = await h.listAll({ singleEvents: 'true' });
    expect(now.items.map((i) => i.start.dateTime)).toEqual(['2030-03-18T10:00:00+01:00', '2030-04-02T15:00:00+02:00', '2030-04-15T10:00:00+02:00']);
    const withDeleted = await h.listAll({ singleEvents: 'true', showDeleted: 'true' });
    expect(withDeleted.items).toHaveLength(4);
    // events.get works for generated instance ids too.
    const got = await h.api(`/calendar/v3/calendars/primary/events/${master.id}_20300415T080000Z`);
    expect(got.body.originalStartTime.dateTime).toBe('2030-04-15T10:00:00+02:00');
  });

  it('a series change reports every instance and the removed ones as cancelled', async () => {
    const master = await h.createEvent(series);
    const full = await h.listAll({ singleEvents: 'true' });
    await h.control('PATCH', `/accounts/${h.account.email}/events/${master.id}`, { recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2'] });
    const inc = await h.listAll({ singleEvents: 'true', syncToken: full.nextSyncToken });
    const states = Object.fromEntries(inc.items.map((i) => [i.id.split('_')[1], i.status]));
    expect(states).toEqual({
      '20300318T090000Z': 'confirmed',
      '20300325T090000Z': 'confirmed',
      '20300401T080000Z': 'cancelled',
      '20300408T080000Z': 'cancelled',
      '20300415T080000Z': 'cancelled',
    });
    // Deleting the series cancels all its instances.
    const after = await h.listAll({ singleEvents: 'true', syncToken: inc.nextSyncToken });
    expect(after.items).toEqual([]);
    await h.control('DELETE', `/accounts/${h.account.email}/events/${master.id}`);
    const del = await h.listAll({ singleEvents: 'true', syncToken: after.nextSyncToken });
    expect(del.items.length).toBeGreaterThanOrEqual(2);
    expect(del.items.every((i) => i.status === 'cancelled' && i.recurringEventId === master.id)).toBe(true);
  });

  it('all-day and endless series expand up to the horizon', async () => {
    await h.em.close();
    h = await harness({ expansionHorizonDays: 400 });
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const m = await h.createEvent({ summary: 'Birthday-ish', start: today, end: tomorrow, allDay: true, recurrence: ['RRULE:FREQ=MONTHLY'] });
    const { items } = await h.listAll({ singleEvents: 'true' });
    expect(items.length).toBeGreaterThanOrEqual(13);
    expect(items.length).toBeLessThanOrEqual(15);
    expect(items[0].id).toBe(`${m.id}_${today.replace(/-/g, '')}`);
    expect(items[0].start).toEqual({ date: today });
    expect(items[0].originalStartTime).toEqual({ date: today });
  });
});
