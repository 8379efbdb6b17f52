// Time handling for Graph's offset-less `{dateTime, timeZone}` pairs (providers.md §6). Instants are kept as
// epoch milliseconds; luxon converts them to wall time in the zone a request asked for.
import { DateTime } from 'luxon';

// A small CLDR windowsZones subset: enough for `Prefer: outlook.timezone` with common Windows names and for
// `originalStartTimeZone`. Unknown zones render as `tzone://Microsoft/Custom`.
const WINDOWS_TO_IANA: Record<string, string> = {
  UTC: 'UTC',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Mountain Standard Time': 'America/Denver',
  'Central Standard Time': 'America/Chicago',
  'Eastern Standard Time': 'America/New_York',
  'GMT Standard Time': 'Europe/London',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'India Standard Time': 'Asia/Kolkata',
  'China Standard Time': 'Asia/Shanghai',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'New Zealand Standard Time': 'Pacific/Auckland',
};
const IANA_TO_WINDOWS = new Map<string, string>(Object.entries(WINDOWS_TO_IANA).map(([w, i]) => [i, w]));

/** IANA zone for a Windows or IANA name; null when unknown. */
export function resolveZone(name: string): string | null {
  if (WINDOWS_TO_IANA[name]) return WINDOWS_TO_IANA[name];
  return DateTime.local().setZone(name).isValid ? name : null;
}

export function windowsZoneName(iana: string): string {
  return IANA_TO_WINDOWS.get(iana) ?? 'tzone://Microsoft/Custom';
}

/** `2025-06-10T17:00:00.0000000`: wall time in `zone`, no offset, seven fractional digits like Graph. */
export function graphDateTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-LL-dd'T'HH:mm:ss") + '.0000000';
}

/** `2025-06-10T17:00:00.0000000Z` for created/lastModified and subscription expiries. */
export function isoZ7(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat("yyyy-LL-dd'T'HH:mm:ss.SSS") + '0000Z';
}

/** calendarView range parameter: honours its own offset, UTC when it has none (providers.md §6.6). */
export function parseRangeParam(value: unknown): number | null {
  if (typeof value !== 'string' || value === '') return null;
  const dt = DateTime.fromISO(value, { zone: 'UTC', setZone: true });
  return dt.isValid ? dt.toMillis() : null;
}

/** An ISO input instant or (all-day) a date interpreted as midnight in `zone`. */
export function toMillis(value: string, allDay: boolean, zone: string): number {
  const dt = allDay ? DateTime.fromISO(value, { zone }).startOf('day') : DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid) throw new Error(`invalid date: ${value}`);
  return dt.toMillis();
}

/** Original-start stamp of an occurrence: `yyyyMMddTHHmmss` in UTC, or `yyyyMMdd` for all-day series. */
export function stampOf(ms: number, allDay: boolean, zone: string): string {
  return allDay
    ? DateTime.fromMillis(ms, { zone }).toFormat('yyyyLLdd')
    : DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat("yyyyLLdd'T'HHmmss");
}

export function msOfStamp(stamp: string, allDay: boolean, zone: string): number {
  const dt = allDay
    ? DateTime.fromFormat(stamp, 'yyyyLLdd', { zone })
    : DateTime.fromFormat(stamp, "yyyyLLdd'T'HHmmss", { zone: 'UTC' });
  return dt.isValid ? dt.toMillis() : NaN;
}
