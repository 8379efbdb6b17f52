// The calendar view of an account: single events plus the instances of series, never masters. Delta and
// calendarView both work on these items, addressed by item key (see ids.ts).
import { splitKey } from './ids.js';
import { instanceAt, instancesBetween, type Instance } from './recurrence.js';
import { toMillis } from './timezones.js';
import type { AccountData, EventRec } from './types.js';

export interface Item {
  key: string;
  ev: EventRec;
  inst: Instance | null;
  start: number;
  end: number;
}

const spans = new WeakMap<EventRec, { version: number; start: number; end: number }>();

/** Start/end of a single event, cached per version: parsing dominates a 10k-event scan otherwise. */
function span(ev: EventRec): { start: number; end: number } {
  const hit = spans.get(ev);
  if (hit && hit.version === ev.version) return hit;
  const f = ev.fields;
  const s = { version: ev.version, start: toMillis(f.start, f.allDay, f.timeZone), end: toMillis(f.end, f.allDay, f.timeZone) };
  spans.set(ev, s);
  return s;
}

export function overlaps(item: { start: number; end: number }, from: number, to: number): boolean {
  // Zero-length events at the range start still count, as in Outlook.
  return item.start < to && (item.end > from || (item.end === item.start && item.start >= from));
}

/** Items overlapping [from, to), sorted by start then key (a stable order for paging). */
export function itemsInRange(acc: AccountData, from: number, to: number): Item[] {
  const out: Item[] = [];
  for (const ev of acc.events.values()) {
    if (ev.recurrence) {
      for (const inst of instancesBetween(ev, from, to)) out.push({ key: inst.key, ev, inst, start: inst.start, end: inst.end });
    } else {
      const s = span(ev);
      if (overlaps(s, from, to)) out.push({ key: ev.core, ev, inst: null, start: s.start, end: s.end });
    }
  }
  return out.sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The live item with this key, or null (deleted event, cancelled occurrence, or a series master's key). */
export function itemByKey(acc: AccountData, key: string): Item | null {
  const { core, stamp } = splitKey(key);
  const ev = acc.events.get(core);
  if (!ev) return null;
  if (!stamp) {
    if (ev.recurrence) return null;
    const s = span(ev);
    return { key, ev, inst: null, start: s.start, end: s.end };
  }
  if (!ev.recurrence) return null;
  const inst = instanceAt(ev, stamp);
  if (!inst || inst.exception?.cancelled) return null;
  return { key, ev, inst, start: inst.start, end: inst.end };
}
