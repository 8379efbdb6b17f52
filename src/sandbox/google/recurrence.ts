// Expanding a series into instances. rrule works on "floating" dates (wall-clock fields stored as UTC), which we
// map back to instants in the series' own zone with luxon, so occurrences keep their local time across DST.
import { DateTime } from 'luxon';
import rrulePkg from 'rrule';
import type { StoredEvent } from './types.js';
import { instanceStamp } from './time.js';

const { RRule, RRuleSet } = rrulePkg;

export interface Occurrence {
  id: string;
  /** The slot the rule gives this instance; identifies it even after it moves. */
  originalStartMs: number;
  startMs: number;
  endMs: number;
}

/** Hard cap on generated instances per series, whatever the horizon. */
const MAX_INSTANCES = 5000;

type Wall = DateTime;

export function expandSeries(master: StoredEvent, calendarZone: string, horizonMs: number): Occurrence[] {
  const allDay = master.data.allDay === true;
  const zone = allDay ? calendarZone : (master.data.timeZone ?? 'UTC');
  const startWall = DateTime.fromMillis(master.startMs, { zone });
  const durationMs = master.endMs - master.startMs;
  const durationDays = Math.max(1, Math.round(durationMs / 86_400_000));
  const floating = (w: Wall): Date => new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
  const fromFloating = (d: Date): DateTime =>
    DateTime.fromObject(
      {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
      },
      { zone },
    );
  const dtstart = floating(startWall);
  const set = new RRuleSet();
  let hasRule = false;
  for (const raw of master.data.recurrence ?? []) {
    const line = raw.trim();
    const name = line.slice(0, line.search(/[:;]/)).toUpperCase();
    if (name === 'RRULE' || name === 'EXRULE') {
      const opts = RRule.parseString(line.slice(name.length + 1));
      opts.dtstart = dtstart;
      // UNTIL in UTC is an instant; compare it in the series' wall clock like everything else.
      if (opts.until && /UNTIL=\d{8}T\d{6}Z/i.test(line)) opts.until = floating(DateTime.fromJSDate(opts.until).setZone(zone));
      const rule = new RRule(opts);
      if (name === 'RRULE') {
        set.rrule(rule);
        hasRule = true;
      } else set.exrule(rule);
    } else if (name === 'RDATE' || name === 'EXDATE') {
      for (const w of parseDateList(line, zone, startWall)) {
        if (name === 'RDATE') set.rdate(floating(w));
        else set.exdate(floating(w));
      }
      if (name === 'RDATE') hasRule = true;
    }
  }
  if (!hasRule) set.rrule(new RRule({ freq: RRule.DAILY, count: 1, dtstart }));
  const horizonFloating = floating(DateTime.fromMillis(horizonMs, { zone }));
  const out: Occurrence[] = [];
  set.all((d, i) => {
    if (i >= MAX_INSTANCES || d > horizonFloating) return false;
    const wall = fromFloating(d);
    const startMs = allDay ? wall.startOf('day').toMillis() : wall.toMillis();
    const endMs = allDay ? wall.startOf('day').plus({ days: durationDays }).toMillis() : startMs + durationMs;
    out.push({ id: `${master.id}_${instanceStamp(startMs, allDay, calendarZone)}`, originalStartMs: startMs, startMs, endMs });
    return true;
  });
  return out;
}

/** `EXDATE;TZID=Europe/Madrid:20250310T160000,…`, `EXDATE:20250310T150000Z`, `EXDATE;VALUE=DATE:20250310`. */
function parseDateList(line: string, zone: string, startWall: DateTime): DateTime[] {
  const colon = line.indexOf(':');
  const params = line.slice(0, colon).split(';').slice(1);
  const tzid = params.find((p) => p.toUpperCase().startsWith('TZID='))?.slice(5);
  const out: DateTime[] = [];
  for (const v of line.slice(colon + 1).split(',')) {
    const s = v.trim();
    let dt: DateTime;
    if (/^\d{8}$/.test(s)) {
      // A bare date excludes the occurrence on that day, at the series' time of day.
      dt = DateTime.fromFormat(s, 'yyyyLLdd', { zone }).set({ hour: startWall.hour, minute: startWall.minute, second: startWall.second });
    } else if (/Z$/i.test(s)) {
      dt = DateTime.fromFormat(s.slice(0, -1), "yyyyLLdd'T'HHmmss", { zone: 'utc' }).setZone(zone);
    } else {
      dt = DateTime.fromFormat(s, "yyyyLLdd'T'HHmmss", { zone: tzid ?? zone }).setZone(zone);
    }
    if (dt.isValid) out.push(dt);
  }
  return out;
}

/** Whether recurrence lines are usable; returns an error message or null. */
export function validateRecurrence(lines: string[]): string | null {
  for (const raw of lines) {
    const line = raw.trim();
    if (!/^(RRULE|EXRULE|RDATE|EXDATE)[:;]/i.test(line)) return `Invalid recurrence rule: ${line}`;
    if (/^(RRULE|EXRULE)/i.test(line)) {
      try {
        RRule.parseString(line.slice(line.indexOf(':') + 1));
      } catch {
        return `Invalid recurrence rule: ${line}`;
      }
    }
  }
  return null;
}
