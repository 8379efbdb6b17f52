// Converting between the neutral EventInput times, instants, and Google's start/end objects.
import { DateTime } from 'luxon';

export interface GoogleTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

/** Instant of a neutral time. All-day dates are midnight in the calendar's zone (floating dates). */
export function toMillis(value: string, allDay: boolean, calendarZone: string): number {
  const dt = allDay ? DateTime.fromISO(value, { zone: calendarZone }).startOf('day') : DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid) throw new RangeError(`invalid ${allDay ? 'date' : 'date-time'}: ${value}`);
  return dt.toMillis();
}

export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** Google's representation; timed values always carry an offset, expressed in `presentZone` when asked. */
export function toGoogleTime(ms: number, allDay: boolean, eventZone: string, calendarZone: string, presentZone?: string): GoogleTime {
  if (allDay) return { date: DateTime.fromMillis(ms, { zone: calendarZone }).toISODate()! };
  const dateTime = DateTime.fromMillis(ms, { zone: presentZone ?? eventZone }).toISO({ suppressMilliseconds: true })!;
  return { dateTime, timeZone: eventZone };
}

/** Instance-id suffix: UTC basic format for timed instances, the date for all-day ones. */
export function instanceStamp(ms: number, allDay: boolean, calendarZone: string): string {
  return allDay
    ? DateTime.fromMillis(ms, { zone: calendarZone }).toFormat('yyyyLLdd')
    : DateTime.fromMillis(ms, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss'Z'");
}

/** RFC 3339 with an offset, as Google requires for timeMin/timeMax/updatedMin. */
export function parseRfc3339(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) return null;
  const dt = DateTime.fromISO(value, { setZone: true });
  return dt.isValid ? dt.toMillis() : null;
}

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
