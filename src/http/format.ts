// Wire formats of the contract: REST datetimes with six fractional digits and `Z`; query datetimes parsed leniently.
import { DateTime } from 'luxon';

/** `2025-01-29T23:49:58.570000Z` (timestamps are stored at millisecond precision). */
export function restDate(d: Date | string | null | undefined): string | null {
  if (d === null || d === undefined) return null;
  const iso = (d instanceof Date ? d : new Date(d)).toISOString();
  return iso.replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** `2025-01-29T23:49:58.570000+00:00`, the webhook-payload form. */
export function webhookDate(d: Date | string): string {
  return restDate(d)!.replace(/Z$/, '+00:00');
}

/**
 * Parses a query datetime: ISO 8601 with `Z` or ±hh:mm (a space where an unencoded `+` was), no offset = UTC,
 * a bare date = midnight UTC, fractions beyond 6 digits truncated. Returns null when unparseable.
 */
export function parseQueryDate(value: string): Date | null {
  let s = value.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  s = s.replace(/(\.\d{6})\d+/, '$1');
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
  const dt = DateTime.fromISO(s, { zone: 'utc', setZone: false });
  return dt.isValid ? dt.toJSDate() : null;
}

/** Truncates to milliseconds, as every stored timestamp is. */
export function truncateMs(d: Date): Date {
  return new Date(Math.floor(d.getTime()));
}
