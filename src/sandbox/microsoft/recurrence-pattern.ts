// RRULE -> Graph `recurrence {pattern, range}` for series masters (the common Outlook patterns only).
import { DateTime } from 'luxon';
import { toMillis, windowsZoneName } from './timezones.js';
import type { EventRec } from './types.js';

const DAYS: Record<string, string> = { MO: 'monday', TU: 'tuesday', WE: 'wednesday', TH: 'thursday', FR: 'friday', SA: 'saturday', SU: 'sunday' };
const INDEX: Record<string, string> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '-1': 'last' };

export function graphRecurrence(ev: EventRec): Record<string, unknown> | null {
  const line = ev.recurrence?.find((l) => l.toUpperCase().startsWith('RRULE:'));
  if (!line) return null;
  const parts = new Map<string, string>(
    line
      .slice(6)
      .split(';')
      .map((kv) => kv.split('=') as [string, string])
      .map(([k, v]) => [k.toUpperCase(), v ?? '']),
  );
  const f = ev.fields;
  const start = DateTime.fromMillis(toMillis(f.start, f.allDay, f.timeZone), { zone: f.timeZone });
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const byDay = (parts.get('BYDAY') ?? '').split(',').filter(Boolean);
  const setPos = parts.get('BYSETPOS');
  const dayNames = byDay.map((d) => DAYS[d.replace(/^[+-]?\d+/, '')]).filter(Boolean);
  const nth = byDay[0]?.match(/^([+-]?\d+)/)?.[1] ?? setPos;
  const startDay = start.toFormat('cccc').toLowerCase();
  let pattern: Record<string, unknown>;
  switch (parts.get('FREQ')) {
    case 'DAILY':
      pattern = { type: 'daily', interval };
      break;
    case 'WEEKLY':
      pattern = { type: 'weekly', interval, daysOfWeek: dayNames.length ? dayNames : [startDay], firstDayOfWeek: 'sunday' };
      break;
    case 'MONTHLY':
      pattern = nth
        ? { type: 'relativeMonthly', interval, daysOfWeek: dayNames, index: INDEX[nth] ?? 'first' }
        : { type: 'absoluteMonthly', interval, dayOfMonth: Number(parts.get('BYMONTHDAY') ?? start.day) };
      break;
    default:
      pattern = nth
        ? { type: 'relativeYearly', interval, daysOfWeek: dayNames, index: INDEX[nth] ?? 'first', month: Number(parts.get('BYMONTH') ?? start.month) }
        : { type: 'absoluteYearly', interval, dayOfMonth: Number(parts.get('BYMONTHDAY') ?? start.day), month: Number(parts.get('BYMONTH') ?? start.month) };
  }
  const until = parts.get('UNTIL');
  const count = parts.get('COUNT');
  const range: Record<string, unknown> = {
    type: count ? 'numbered' : until ? 'endDate' : 'noEnd',
    startDate: start.toISODate(),
    endDate: until ? DateTime.fromISO(until.replace(/^(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3')).toISODate() : '0001-01-01',
    recurrenceTimeZone: windowsZoneName(f.timeZone),
    numberOfOccurrences: count ? Number(count) : 0,
  };
  return { pattern: { dayOfMonth: 0, month: 0, firstDayOfWeek: 'sunday', index: 'first', daysOfWeek: [], ...pattern }, range };
}
