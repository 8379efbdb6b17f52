// Conformance: calendarView delta, calendarView, events and recurrence (providers.md §4.1–4.3, §6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFER, startEmu, deltaRound, type Emu } from './helpers.js';

let emu: Emu;
let token: string;
const USER = 'delta@contoso.com';
const RANGE = '/me/calendarView/delta?startDateTime=2025-06-01T00:00:00Z&endDateTime=2025-07-01T00:00:00Z';
const ev = (body: Record<string, unknown>) => emu.control('POST', `/accounts/${USER}/events`, body).then((r) => r.body);

beforeAll(async () => {
  emu = await startEmu();
  ({ token } = await emu.login(USER));
});
afterAll(async () => emu.em.close());

describe('calendarView/delta', () => {
  it('pages with odata.maxpagesize and puts the deltaLink only on the last page', async () => {
    for (let i = 0; i < 7; i++) await ev({ summary: `e${i}`, start: `2025-06-0${i + 2}T10:00:00Z`, end: `2025-06-0${i + 2}T10:30:00Z` });
    await ev({ summary: 'outside', start: '2025-08-01T10:00:00Z', end: '2025-08-01T11:00:00Z' });
    const prefer = `${PREFER}, odata.maxpagesize=3`;
    const first = await emu.graph(token, RANGE, { prefer });
    expect(first.headers.get('preference-applied')).toMatch(/odata\.track-changes/);
    const round = await deltaRound(emu, token, RANGE, prefer);
    expect(round.pages.map((p) => p.value.length)).toEqual([3, 3, 1]);
    for (const p of round.pages.slice(0, -1)) {
      expect(p['@odata.nextLink']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0\/me\/calendarView\/delta\?\$skiptoken=/);
      expect(p['@odata.deltaLink']).toBeUndefined();
    }
    expect(round.pages.at(-1)['@odata.nextLink']).toBeUndefined();
    expect(round.deltaLink).toMatch(/\$deltatoken=/);
    expect(round.items.map((i) => i.subject).sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    // Graph dateTime has no offset; the zone is separate.
    expect(round.items[0].start).toEqual({ dateTime: '2025-06-02T10:00:00.0000000', timeZone: 'UTC' });
    // Immediately following the deltaLink yields nothing new.
    const again = await deltaRound(emu, token, round.deltaLink);
    expect(again.items).toEqual([]);
  });

  it('returns only changes since the deltaLink: changed items and @removed for deleted or out-of-range ones', async () => {
    const a = await ev({ summary: 'keep', start: '2025-06-20T09:00:00Z', end: '2025-06-20T10:00:00Z' });
    const b = await ev({ summary: 'delete me', start: '2025-06-21T09:00:00Z', end: '2025-06-21T10:00:00Z' });
    const c = await ev({ summary: 'move me away', start: '2025-06-22T09:00:00Z', end: '2025-06-22T10:00:00Z' });
    const base = await deltaRound(emu, token, RANGE);
    await emu.control('PATCH', `/accounts/${USER}/events/${a.id}`, { summary: 'kept and renamed' });
    await emu.control('DELETE', `/accounts/${USER}/events/${b.id}`);
    await emu.control('PATCH', `/accounts/${USER}/events/${c.id}`, { start: '2025-09-01T09:00:00Z', end: '2025-09-01T10:00:00Z' });
    const inc = await deltaRound(emu, token, base.deltaLink);
    expect(inc.items).toHaveLength(3);
    expect(inc.items.find((i) => i.id === a.id)).toMatchObject({ subject: 'kept and renamed', type: 'singleInstance' });
    expect(inc.items.find((i) => i.id === b.id)).toMatchObject({ '@removed': { reason: 'deleted' } });
    expect(inc.items.find((i) => i.id === c.id)).toMatchObject({ '@removed': { reason: 'deleted' } });
  });

  it('answers 410 SyncStateNotFound after the sync state is expired', async () => {
    const base = await deltaRound(emu, token, RANGE);
    await emu.control('POST', `/accounts/${USER}/expire-sync-state`);
    const r = await emu.graph(token, base.deltaLink);
    expect(r.status).toBe(410);
    expect(r.body.error.code).toBe('SyncStateNotFound');
    // A fresh round works again.
    expect((await deltaRound(emu, token, RANGE)).items.length).toBeGreaterThan(0);
  });

  it('requires a time window and honours IdType and outlook.timezone', async () => {
    expect((await emu.graph(token, '/me/calendarView/delta')).status).toBe(400);
    const withRest = await emu.graph(token, RANGE, { prefer: 'odata.maxpagesize=1' });
    const withImmutable = await emu.graph(token, RANGE, { prefer: 'IdType="ImmutableId", odata.maxpagesize=1' });
    expect(withRest.body.value[0].id).not.toBe(withImmutable.body.value[0].id);
    const pacific = await emu.graph(token, RANGE, { prefer: 'outlook.timezone="Pacific Standard Time", odata.maxpagesize=1' });
    expect(pacific.body.value[0].start).toEqual({ dateTime: '2025-06-02T03:00:00.0000000', timeZone: 'Pacific Standard Time' });
  });
});

describe('recurrence', () => {
  it('expands a series across DST with moved and cancelled occurrences', async () => {
    const user = 'series@contoso.com';
    const { token: t } = await emu.login(user);
    const series = (await emu.control('POST', `/accounts/${user}/events`, {
      summary: 'Standup',
      start: '2025-03-24T09:00:00',
      end: '2025-03-24T09:15:00',
      timeZone: 'Europe/Paris',
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4'],
      conferenceUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0',
      attendees: [{ email: 'bob@contoso.com', responseStatus: 'accepted' }],
    })).body;
    expect(series.type).toBe('seriesMaster');
    await emu.control('POST', `/accounts/${user}/events/${series.id}/instances`, { originalStart: '2025-04-07T09:00:00+02:00', start: '2025-04-07T15:00:00+02:00', end: '2025-04-07T15:30:00+02:00' });
    await emu.control('POST', `/accounts/${user}/events/${series.id}/instances`, { originalStart: '2025-04-14T07:00:00Z', cancel: true });
    const range = '/me/calendarView?startDateTime=2025-03-01T00:00:00Z&endDateTime=2025-05-01T00:00:00Z&$top=50';
    const view = (await emu.graph(t, range)).body.value;
    // 09:00 Paris is 08:00 UTC before the DST switch (30 March) and 07:00 UTC after it.
    expect(view.map((e: any) => [e.type, e.start.dateTime])).toEqual([
      ['occurrence', '2025-03-24T08:00:00.0000000'],
      ['occurrence', '2025-03-31T07:00:00.0000000'],
      ['exception', '2025-04-07T13:00:00.0000000'],
    ]);
    expect(view.every((e: any) => e.seriesMasterId === series.id && e.onlineMeeting?.joinUrl.startsWith('https://teams.microsoft.com/'))).toBe(true);
    expect(view[2].originalStart).toBe('2025-04-07T07:00:00Z');
    expect(new Set(view.map((e: any) => e.iCalUId)).size).toBe(3); // iCalUId differs per occurrence
    expect(view[0].body).toMatchObject({ contentType: 'html' });
    expect(view[0].attendees[0]).toMatchObject({ type: 'required', emailAddress: { address: 'bob@contoso.com' } });
    expect(view[0]).toMatchObject({ isOrganizer: true, responseStatus: { response: 'organizer' }, originalStartTimeZone: 'Romance Standard Time' });
    // Delta: occurrences as stubs; GET /me/events/{id} gives the full occurrence with the series' fields.
    const round = await deltaRound(emu, t, '/me/calendarView/delta?startDateTime=2025-03-01T00:00:00Z&endDateTime=2025-05-01T00:00:00Z');
    expect(round.items).toHaveLength(3);
    expect(round.items.every((i: any) => i.subject === undefined && i.seriesMasterId === series.id)).toBe(true);
    const full = await emu.graph(t, `/me/events/${round.items[2].id}`);
    expect(full.body).toMatchObject({ type: 'exception', subject: 'Standup' });
    expect((await emu.graph(t, `/me/events/${series.id}`)).body.recurrence.pattern).toMatchObject({ type: 'weekly', daysOfWeek: ['monday'] });
  });

  it('keeps cancelled attendee copies with isCancelled and reports responses', async () => {
    const user = 'attendee@contoso.com';
    const { token: t } = await emu.login(user);
    const meeting = (await emu.control('POST', `/accounts/${user}/events`, { summary: 'Invite', start: '2025-06-10T17:00:00Z', end: '2025-06-10T17:30:00Z', organizer: 'boss@contoso.com' })).body;
    expect(meeting).toMatchObject({ isOrganizer: false, responseStatus: { response: 'notResponded' } });
    const base = await deltaRound(emu, t, RANGE);
    await emu.control('POST', `/accounts/${user}/events/${meeting.id}/respond`, { responseStatus: 'declined' });
    await emu.control('POST', `/accounts/${user}/events/${meeting.id}/cancel`);
    const inc = await deltaRound(emu, t, base.deltaLink);
    expect(inc.items).toHaveLength(1);
    expect(inc.items[0]).toMatchObject({ isCancelled: true, responseStatus: { response: 'declined' } });
  });
});

describe('performance', () => {
  it('pages a 10,000-event calendar through delta quickly', async () => {
    const user = 'big@contoso.com';
    const { token: t } = await emu.login(user);
    const start = Date.parse('2025-01-01T00:00:00Z');
    const batch = 50;
    for (let i = 0; i < 10_000; i += batch) {
      await Promise.all(
        Array.from({ length: batch }, (_, j) => {
          const s = start + (i + j) * 30 * 60_000;
          return emu.control('POST', `/accounts/${user}/events`, { summary: `m${i + j}`, start: new Date(s).toISOString(), end: new Date(s + 25 * 60_000).toISOString() });
        }),
      );
    }
    const t0 = performance.now();
    const round = await deltaRound(emu, t, '/me/calendarView/delta?startDateTime=2024-12-01T00:00:00Z&endDateTime=2025-12-01T00:00:00Z', `${PREFER}, odata.maxpagesize=500`);
    const ms = performance.now() - t0;
    expect(round.items).toHaveLength(10_000);
    expect(round.pages).toHaveLength(20);
    // Incremental: one change among 10k returns just that change.
    await emu.control('PATCH', `/accounts/${user}/events/${round.items[1234].id}`, { summary: 'changed' });
    const t1 = performance.now();
    const inc = await deltaRound(emu, t, round.deltaLink);
    const incMs = performance.now() - t1;
    expect(inc.items.map((i) => i.subject)).toEqual(['changed']);
    process.stdout.write(`[perf] 10k-event delta round (20 pages of 500): ${ms.toFixed(0)} ms; incremental round: ${incMs.toFixed(1)} ms\n`);
    expect(ms).toBeLessThan(30_000); // generous bound; the figure above is what matters
  }, 240_000);
});
