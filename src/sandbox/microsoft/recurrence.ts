// Recurrence expansion with the `rrule` library. Rules are expanded in "floating" wall time (the event's zone
// read as if it were UTC) and converted back with luxon, so a 09:00 Europe/Paris meeting stays at 09:00 across
// DST changes, as Outlook does.
import * as rruleNs from 'rrule';
import { DateTime } from 'luxon';
import { msOfStamp, stampOf, toMillis } from './timezones.js';
import { occurrenceKey } from './ids.js';
import type { EventRec, ExceptionRec } from './types.js';

// rrule ships a UMD bundle as `main`: under Node its named exports only exist on the default export.
const { RRule, RRuleSet } = ((rruleNs as unknown as { default?: typeof rruleNs }).default ?? rruleNs) as typeof rruleNs;
type RuleSet = InstanceType<typeof RRuleSet>;

const DAY = 86_400_000;

export interface Instance {
  key: string;
  stamp: string;
  originalStart: number;
  start: number;
  end: number;
  exception: ExceptionRec | null;
}

function wall(ms: number, zone: string): Date {
  const d = DateTime.fromMillis(ms, { zone });
  return new Date(Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second));
}

function unwall(date: Date, zone: string): number {
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
    },
    { zone },
  ).toMillis();
}

/** Parse an RDATE/EXDATE value: UTC (`Z`), or local wall time in the line's TZID / the event's zone. */
function parseDateValue(value: string, zone: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value.trim());
  if (!m) throw new Error(`invalid date value: ${value}`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', z] = m;
  if (z) return wall(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s), zone);
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
}

const cache = new WeakMap<EventRec, { version: number; set: RuleSet }>();

/** Validate recurrence lines (throws with a readable message). */
export function validateRecurrence(lines: string[], start: string, allDay: boolean, zone: string): void {
  buildSet(lines, toMillis(start, allDay, zone), zone);
}

function buildSet(lines: string[], startMs: number, zone: string): RuleSet {
  const dtstart = wall(startMs, zone);
  const set = new RRuleSet();
  let rules = 0;
  for (const raw of lines) {
    const line = raw.trim();
    const [head, body = ''] = splitOnce(line, ':');
    const name = head.split(';')[0].toUpperCase();
    const tzid = /;TZID=([^;:]+)/i.exec(head)?.[1];
    if (name === 'RRULE') {
      const opts = RRule.parseString(body);
      // UNTIL is an instant; compare it in the same floating wall time as the occurrences.
      if (opts.until) opts.until = wall(opts.until.getTime(), zone);
      set.rrule(new RRule({ ...opts, dtstart }));
      rules++;
    } else if (name === 'EXDATE' || name === 'RDATE') {
      for (const v of body.split(',')) {
        const d = parseDateValue(v, tzid ?? zone);
        const local = tzid && tzid !== zone ? wall(unwall(d, tzid), zone) : d;
        if (name === 'EXDATE') set.exdate(local);
        else set.rdate(local);
      }
    } else throw new Error(`unsupported recurrence line: ${line}`);
  }
  if (!rules) throw new Error('recurrence needs an RRULE line');
  return set;
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

function ruleSet(ev: EventRec): RuleSet {
  const hit = cache.get(ev);
  if (hit && hit.version === ev.version) return hit.set;
  const f = ev.fields;
  const set = buildSet(ev.recurrence ?? [], toMillis(f.start, f.allDay, f.timeZone), f.timeZone);
  cache.set(ev, { version: ev.version, set });
  return set;
}

/** Duration-preserving end of an occurrence (days for all-day events so DST does not shift midnight). */
function endFor(ev: EventRec, start: number): number {
  const f = ev.fields;
  const s = toMillis(f.start, f.allDay, f.timeZone);
  const e = toMillis(f.end, f.allDay, f.timeZone);
  if (!f.allDay) return start + (e - s);
  const days = Math.round((e - s) / DAY);
  return DateTime.fromMillis(start, { zone: f.timeZone }).plus({ days }).toMillis();
}

function instance(ev: EventRec, originalStart: number): Instance {
  const f = ev.fields;
  const stamp = stampOf(originalStart, f.allDay, f.timeZone);
  const exception = ev.exceptions[stamp] ?? null;
  let start = originalStart;
  let end = endFor(ev, originalStart);
  if (exception?.overrides.start) start = toMillis(exception.overrides.start, f.allDay, f.timeZone);
  if (exception?.overrides.end) end = toMillis(exception.overrides.end, f.allDay, f.timeZone);
  return { key: occurrenceKey(ev.core, stamp), stamp, originalStart, start, end, exception };
}

/** Original starts (epoch ms) of the series between two instants, before exceptions. */
export function originalStarts(ev: EventRec, fromMs: number, toMs: number): number[] {
  const zone = ev.fields.timeZone;
  return ruleSet(ev)
    .between(wall(fromMs - DAY, zone), wall(toMs + DAY, zone), true)
    .map((d) => unwall(d, zone))
    .filter((ms) => ms >= fromMs && ms < toMs);
}

/** Live (not cancelled) instances overlapping [fromMs, toMs), moved exceptions placed at their new times. */
export function instancesBetween(ev: EventRec, fromMs: number, toMs: number): Instance[] {
  const f = ev.fields;
  const span = endFor(ev, toMillis(f.start, f.allDay, f.timeZone)) - toMillis(f.start, f.allDay, f.timeZone);
  const seen = new Set<string>();
  const out: Instance[] = [];
  const consider = (inst: Instance): void => {
    if (seen.has(inst.stamp)) return;
    seen.add(inst.stamp);
    if (inst.exception?.cancelled) return;
    if (inst.end > fromMs && inst.start < toMs) out.push(inst);
  };
  for (const ms of originalStarts(ev, fromMs - span, toMs)) consider(instance(ev, ms));
  // Exceptions moved into the range from outside it.
  for (const stamp of Object.keys(ev.exceptions)) {
    if (!seen.has(stamp) && ev.exceptions[stamp].overrides.start) {
      const inst = instanceAt(ev, stamp);
      if (inst) consider(inst);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The instance with this original-start stamp, if the series has one there (cancelled ones included). */
export function instanceAt(ev: EventRec, stamp: string): Instance | null {
  const f = ev.fields;
  const ms = msOfStamp(stamp, f.allDay, f.timeZone);
  if (!Number.isFinite(ms)) return null;
  const hits = originalStarts(ev, ms - 1000, ms + 1000);
  return hits.includes(ms) ? instance(ev, ms) : null;
}

/** Every occurrence key of the series within a horizon, cancelled ones included (for change tracking). */
export function occurrenceKeys(ev: EventRec, fromMs: number, toMs: number): string[] {
  const f = ev.fields;
  return originalStarts(ev, fromMs, toMs).map((ms) => occurrenceKey(ev.core, stampOf(ms, f.allDay, f.timeZone)));
}
