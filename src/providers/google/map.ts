// Google event JSON → ProviderEvent (providers.md §2.4–2.6, §6.1–6.2).
import { DateTime } from 'luxon';
import { isObject, str } from '../http.js';
import type { ProviderEvent } from '../provider.js';

/** Instances further ahead than this are dropped: how far Google expands endless series is undocumented (§2.3 step 5). */
export const HORIZON_DAYS = 400;

type Json = Record<string, unknown>;

/** A `{date}` or `{dateTime, timeZone}` value as a UTC instant; all-day dates are midnight in `zone`. */
function instant(v: unknown, zone: string): { at: Date; allDay: boolean } | null {
  if (!isObject(v)) return null;
  const date = str(v.date);
  if (date) {
    const dt = DateTime.fromISO(date, { zone: validZone(str(v.timeZone)) ?? zone }).startOf('day');
    return dt.isValid ? { at: dt.toJSDate(), allDay: true } : null;
  }
  const dateTime = str(v.dateTime);
  if (!dateTime) return null;
  // Responses always carry an offset; a bare value is read in the value's own zone, else the calendar's.
  const dt = DateTime.fromISO(dateTime, { zone: validZone(str(v.timeZone)) ?? zone, setZone: false });
  return dt.isValid ? { at: dt.toJSDate(), allDay: false } : null;
}

// Zone validity per name: checking builds a luxon DateTime, which cost ~30 µs three times per event of a listing.
const zoneValidity = new Map<string, boolean>();

function validZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = DateTime.local().setZone(zone).isValid;
    if (zoneValidity.size < 1000) zoneValidity.set(zone, valid);
  }
  return valid ? zone : undefined;
}

/** True when a cancelled item is only a stub (no times or summary worth keeping). */
function isStub(ev: Json): boolean {
  return !isObject(ev.start) && ev.summary === undefined;
}

/**
 * Maps one item of events.list / events.get. `calendarZone` is the list's top-level `timeZone`.
 * Returns null for items without an id, or live items without usable times (never seen from Google).
 */
export function mapGoogleEvent(ev: unknown, calendarZone: string): ProviderEvent | null {
  if (!isObject(ev) || typeof ev.id !== 'string') return null;
  const zone = validZone(calendarZone) ?? 'UTC';
  const cancelled = ev.status === 'cancelled';
  const start = instant(ev.start, zone) ?? (cancelled ? instant(ev.originalStartTime, zone) : null);
  const end = instant(ev.end, zone) ?? start;
  if (!cancelled && (!start || !end)) return null;
  // A deletion stub may carry no time at all; its times are then the epoch and meaningless (isDeleted).
  const epoch = new Date(0);
  return {
    platformId: ev.id,
    icalUid: str(ev.iCalUID) ?? null,
    startTime: start?.at ?? epoch,
    endTime: end?.at ?? start?.at ?? epoch,
    isAllDay: start?.allDay ?? false,
    isDeleted: cancelled,
    raw: cancelled && isStub(ev) ? null : ev,
  };
}

/** Live instances beyond the horizon are ignored; deletions always pass (the engine may hold the event). */
export function withinHorizon(ev: ProviderEvent, now = Date.now()): boolean {
  return ev.isDeleted || ev.startTime.getTime() <= now + HORIZON_DAYS * 86_400_000;
}
