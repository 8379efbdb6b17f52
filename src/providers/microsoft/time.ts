// Graph `{dateTime, timeZone}` pairs → UTC instants (providers.md §6.3–6.5). `dateTime` has no offset, so it is
// never handed to `new Date()`: it is read in its named zone (UTC when `Prefer: outlook.timezone` worked).
import { DateTime } from 'luxon';
import { isObject, str } from '../http.js';

// Common Windows zone names (CLDR windowsZones, territory 001). Unknown names fall back to UTC.
const WINDOWS_ZONES: Record<string, string> = {
  UTC: 'UTC',
  'Coordinated Universal Time': 'UTC',
  'tzone://Microsoft/Utc': 'UTC',
  'Dateline Standard Time': 'Etc/GMT+12',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Alaskan Standard Time': 'America/Anchorage',
  'Pacific Standard Time': 'America/Los_Angeles',
  'US Mountain Standard Time': 'America/Phoenix',
  'Mountain Standard Time': 'America/Denver',
  'Central Standard Time': 'America/Chicago',
  'Central America Standard Time': 'America/Guatemala',
  'Eastern Standard Time': 'America/New_York',
  'Atlantic Standard Time': 'America/Halifax',
  'Newfoundland Standard Time': 'America/St_Johns',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Argentina Standard Time': 'America/Buenos_Aires',
  'SA Pacific Standard Time': 'America/Bogota',
  'Pacific SA Standard Time': 'America/Santiago',
  'Central Standard Time (Mexico)': 'America/Mexico_City',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'GTB Standard Time': 'Europe/Bucharest',
  'Russian Standard Time': 'Europe/Moscow',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Israel Standard Time': 'Asia/Jerusalem',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Egypt Standard Time': 'Africa/Cairo',
  'Arabian Standard Time': 'Asia/Dubai',
  'Arab Standard Time': 'Asia/Riyadh',
  'Pakistan Standard Time': 'Asia/Karachi',
  'India Standard Time': 'Asia/Kolkata',
  'SE Asia Standard Time': 'Asia/Bangkok',
  'Singapore Standard Time': 'Asia/Singapore',
  'China Standard Time': 'Asia/Shanghai',
  'Taipei Standard Time': 'Asia/Taipei',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'W. Australia Standard Time': 'Australia/Perth',
  'AUS Central Standard Time': 'Australia/Darwin',
  'E. Australia Standard Time': 'Australia/Brisbane',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'New Zealand Standard Time': 'Pacific/Auckland',
};

/** IANA zone for a Windows or IANA name; null when unknown. */
export function resolveZone(name: string | undefined | null): string | null {
  if (!name) return null;
  if (WINDOWS_ZONES[name]) return WINDOWS_ZONES[name];
  return DateTime.local().setZone(name).isValid ? name : null;
}

/** A timed `{dateTime, timeZone}` as a UTC instant; null when unparseable. */
export function graphInstant(v: unknown): Date | null {
  if (!isObject(v)) return null;
  const dateTime = str(v.dateTime);
  if (!dateTime) return null;
  const zone = resolveZone(str(v.timeZone)) ?? 'UTC';
  const dt = DateTime.fromISO(dateTime, { zone });
  return dt.isValid ? dt.toJSDate() : null;
}

/**
 * An all-day boundary: the date part is a floating date, whatever `timeZone` says (§6.5), placed at midnight
 * in the event's own zone (`originalStartTimeZone`), else UTC.
 */
export function graphAllDay(v: unknown, eventZone: string | null): Date | null {
  if (!isObject(v)) return null;
  const date = str(v.dateTime)?.slice(0, 10);
  if (!date) return null;
  const dt = DateTime.fromISO(date, { zone: eventZone ?? 'UTC' }).startOf('day');
  return dt.isValid ? dt.toJSDate() : null;
}
