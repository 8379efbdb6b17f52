// Graph event JSON → ProviderEvent (providers.md §4.1, §4.3, §6.3–6.5).
import { isObject, str } from '../http.js';
import type { ProviderEvent } from '../provider.js';
import { graphAllDay, graphInstant, resolveZone } from './time.js';

const EPOCH = new Date(0);

/** A delta `@removed` item: gone, or out of the delta's range (the engine decides which). */
export function removedEvent(id: string): ProviderEvent {
  return { platformId: id, icalUid: null, startTime: EPOCH, endTime: EPOCH, isAllDay: false, isDeleted: true, raw: null };
}

export const isRemoved = (item: Record<string, unknown>): boolean => item['@removed'] !== undefined;

/** Maps a full Graph event (from GET /me/events/{id} or calendarView); null without an id or usable times. */
export function mapGraphEvent(ev: unknown): ProviderEvent | null {
  if (!isObject(ev) || typeof ev.id !== 'string') return null;
  if (isRemoved(ev)) return removedEvent(ev.id);
  const allDay = ev.isAllDay === true;
  const zone = allDay ? resolveZone(str(ev.originalStartTimeZone)) : null;
  const start = allDay ? graphAllDay(ev.start, zone) : graphInstant(ev.start);
  const end = allDay ? graphAllDay(ev.end, zone) : graphInstant(ev.end);
  if (!start || !end) return null;
  return {
    platformId: ev.id,
    icalUid: str(ev.iCalUId) ?? null,
    startTime: start,
    endTime: end,
    isAllDay: allDay,
    // Organizer-cancelled meetings linger in attendees' calendars with isCancelled (§4.3).
    isDeleted: ev.isCancelled === true,
    raw: ev,
  };
}
