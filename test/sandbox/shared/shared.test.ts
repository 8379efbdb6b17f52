// Shared sandbox helpers: fault registry, request log ring buffer, realistic week generator.
import { describe, expect, it } from 'vitest';
import { FaultRegistry, parseFaultInput } from '../../../src/sandbox/shared/faults.js';
import { realisticWeek } from '../../../src/sandbox/shared/realistic-week.js';
import { RequestLog } from '../../../src/sandbox/shared/request-log.js';

describe('FaultRegistry', () => {
  it('applies all latency faults and one terminal fault, consuming counts', () => {
    const r = new FaultRegistry();
    r.add({ kind: 'latency', ms: 10 });
    r.add({ kind: 'latency', ms: 5, count: 1 });
    const err = r.add({ kind: 'error', status: 503, count: 2, account: 'a@x.test' });
    r.add({ kind: 'rate_limit', path: '^/token$' });
    let f = r.forRequest({ account: 'a@x.test', path: '/calendar/v3/x' });
    expect(f.latencyMs).toBe(15);
    expect(f.terminal?.id).toBe(err.id);
    f = r.forRequest({ account: 'b@x.test', path: '/calendar/v3/x' });
    expect(f).toEqual({ latencyMs: 10, terminal: null });
    expect(r.forRequest({ account: null, path: '/token' }).terminal?.kind).toBe('rate_limit');
    r.forRequest({ account: 'a@x.test', path: '/calendar' });
    expect(r.list().map((x) => x.kind)).toEqual(['latency', 'rate_limit']);
    expect(r.remove(r.list()[0]!.id)).toBe(true);
    r.clear();
    expect(r.list()).toEqual([]);
  });

  it('notification faults and probability', () => {
    const r = new FaultRegistry(() => 0.9);
    r.add({ kind: 'drop_notifications', probability: 0.5 });
    expect(r.forNotification('a@x.test')).toBeNull();
    r.add({ kind: 'duplicate_notifications', account: 'a@x.test', count: 1 });
    expect(r.forNotification('b@x.test')).toBeNull();
    expect(r.forNotification('a@x.test')).toBe('duplicate_notifications');
    expect(r.forNotification('a@x.test')).toBeNull();
    expect(() => parseFaultInput({ kind: 'nope' })).toThrow();
    expect(parseFaultInput({ kind: 'error' })).toEqual({ kind: 'error', status: 500 });
  });
});

describe('RequestLog', () => {
  it('is a bounded ring buffer, newest last', () => {
    const log = new RequestLog(3);
    for (let i = 0; i < 5; i++) log.add({ at: String(i), method: 'GET', path: `/p${i}`, account: i % 2 ? 'a@x.test' : null, status: 200 });
    expect(log.list().map((e) => e.path)).toEqual(['/p2', '/p3', '/p4']);
    expect(log.list({ account: 'a@x.test' }).map((e) => e.path)).toEqual(['/p3']);
    expect(log.list({ limit: 1 }).map((e) => e.path)).toEqual(['/p4']);
  });
});

describe('realisticWeek', () => {
  const weekStart = new Date('2030-03-13T12:00:00Z'); // a Wednesday
  it('is deterministic and has the mix a real user has', () => {
    const a = realisticWeek({ email: 'Alice@Acme.test', seed: 7, weekStart, flavour: 'google' });
    expect(realisticWeek({ email: 'alice@acme.test', seed: 7, weekStart, flavour: 'google' })).toEqual(a);
    expect(a.some((e) => e.recurrence?.length)).toBe(true);
    expect(a.some((e) => e.allDay)).toBe(true);
    expect(a.some((e) => e.selfResponseStatus === 'declined')).toBe(true);
    expect(a.some((e) => e.organizer && !e.organizer.endsWith('acme.test'))).toBe(true);
    expect(a.some((e) => e.description?.includes('https://www.google.com/url?q='))).toBe(true);
    expect(a.some((e) => e.conferenceUrl?.startsWith('https://meet.google.com/'))).toBe(true);
    expect(a.some((e) => e.location?.includes('zoom.us/j/'))).toBe(true);
    // The week starts on Monday 2030-03-11.
    expect(a.filter((e) => !e.allDay).map((e) => e.start).sort()[0]!.slice(0, 10)).toBe('2030-03-11');
    for (const e of a) expect(Date.parse(e.end) > Date.parse(e.start) || e.allDay).toBe(true);
  });

  it('microsoft flavour uses Teams, SafeLinks and HTML bodies; soonMinutes adds imminent meetings', () => {
    const m = realisticWeek({ email: 'bob@contoso.test', weekStart, flavour: 'microsoft', soonMinutes: 5 });
    expect(m.some((e) => e.bodyHtml?.includes('safelinks.protection.outlook.com/?url='))).toBe(true);
    expect(m.some((e) => e.conferenceUrl?.startsWith('https://teams.microsoft.com/l/meetup-join/'))).toBe(true);
    const soon = m.filter((e) => e.summary?.startsWith('Demo'));
    expect(soon).toHaveLength(2);
    const delta = (Date.parse(soon[0]!.start) - Date.now()) / 60_000;
    expect(delta).toBeGreaterThan(3);
    expect(delta).toBeLessThanOrEqual(5);
  });
});
