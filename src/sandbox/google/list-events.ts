// events.list. Full listings walk the calendar's creation order, incremental ones the change log after the
// sync token's position; both stop after a bounded amount of work, so a page may hold fewer items (even none)
// than maxResults while more remain, exactly as Google allows.
import { errors } from './errors.js';
import { parseListParams, type ListParams, type RawQuery } from './list-params.js';
import type { CalendarStore } from './store.js';
import { accountKey, decodePageToken, decodeSyncToken, encodePageToken, encodeSyncToken, queryHash, type PageCursor } from './sync-tokens.js';
import { rfc3339 } from './time.js';
import type { StoredEvent } from './types.js';
import { retiredStub, viewEvent, viewInstance, type GoogleEvent, type ViewContext } from './event-view.js';

interface Emitted {
  item: GoogleEvent;
  startMs: number;
  updated: number;
}

/** Candidates examined per page at most, beyond which the page ends early. */
const scanBudget = (max: number): number => Math.max(max * 8, 4000);

const isSeries = (ev: StoredEvent): boolean => !ev.recurringEventId && !!ev.data.recurrence?.length;
const isGone = (ev: StoredEvent): boolean => ev.deleted || ev.status === 'cancelled';

export function listEvents(store: CalendarStore, raw: RawQuery, ctx: ViewContext): Record<string, unknown> {
  const p = parseListParams(raw);
  const view: ViewContext = { ...ctx, presentZone: p.timeZone };
  const a = accountKey(store.email);
  const qh = queryHash(raw);
  let cursor: PageCursor;
  if (p.pageToken !== undefined) {
    const c = decodePageToken(p.pageToken);
    if (!c || c.a !== a || c.q !== qh) throw errors.invalid('Invalid page token value.', 'pageToken');
    if (c.e !== store.epoch) throw p.syncToken ? errors.fullSyncRequired() : errors.invalid('Invalid page token value.', 'pageToken');
    cursor = c;
  } else if (p.syncToken !== undefined) {
    const t = decodeSyncToken(p.syncToken);
    if (!t || t.a !== a || t.e !== store.epoch || t.s > store.seq) throw errors.fullSyncRequired();
    cursor = { a, e: store.epoch, k: 'inc', s: store.seq, f: t.s, p: t.s + 1, i: 0, q: qh };
  } else {
    cursor = { a, e: store.epoch, k: p.orderBy ? 'sorted' : 'full', s: store.seq, p: 0, i: 0, q: qh };
  }

  const items: GoogleEvent[] = [];
  let next: PageCursor | null;
  if (cursor.k === 'inc') next = walkChanges(store, p, view, cursor, items);
  else if (cursor.k === 'full') next = walkAll(store, p, view, cursor, items);
  else next = sortedPage(store, p, view, cursor, items);

  const body: Record<string, unknown> = {
    kind: 'calendar#events',
    etag: `"${store.updated}"`,
    summary: store.email,
    updated: rfc3339(store.updated),
    timeZone: store.calendarZone,
    accessRole: 'owner',
    defaultReminders: [{ method: 'popup', minutes: 10 }],
  };
  if (next) body.nextPageToken = encodePageToken(next);
  // Only the last page carries the sync token; filters a sync token cannot repeat get none.
  else if (!p.orderBy && p.iCalUID === undefined && p.q === undefined && p.updatedMin === undefined)
    body.nextSyncToken = encodeSyncToken({ a, e: store.epoch, s: cursor.s });
  body.items = items;
  return body;
}

function passes(p: ListParams, startMs: number, endMs: number, gone: boolean, ev: StoredEvent): boolean {
  if (!p.typesMatch) return false;
  if (gone && !p.showDeleted) return false;
  if (p.timeMin !== undefined && endMs <= p.timeMin) return false;
  if (p.timeMax !== undefined && startMs >= p.timeMax) return false;
  if (p.updatedMin !== undefined && ev.updated < p.updatedMin) return false;
  if (p.iCalUID !== undefined && ev.iCalUID !== p.iCalUID) return false;
  if (p.q !== undefined) {
    const d = ev.data;
    const text = [d.summary, d.description, d.bodyHtml, d.location, ...(d.attendees ?? []).map((x) => x.email)].join('\n').toLowerCase();
    if (!text.includes(p.q)) return false;
  }
  return true;
}

/** Full listing over creation order. Returns the cursor of the next page, or null when done. */
function walkAll(store: CalendarStore, p: ListParams, view: ViewContext, c: PageCursor, out: GoogleEvent[], sink?: Emitted[]): PageCursor | null {
  const max = sink ? Infinity : p.maxResults;
  const budget = sink ? Infinity : scanBudget(max);
  const emit = (item: GoogleEvent, startMs: number, updated: number): void => {
    if (sink) sink.push({ item, startMs, updated });
    else out.push(item);
  };
  let pos = c.p;
  let inst = c.i;
  let scanned = 0;
  const count = (): number => (sink ? 0 : out.length);
  while (pos < store.order.length) {
    if (count() >= max || scanned >= budget) return { ...c, p: pos, i: inst };
    const ev = store.get(store.order[pos]!)!;
    if (p.singleEvents && isSeries(ev)) {
      const occ = store.occurrences(ev);
      const seriesGone = isGone(ev);
      while (inst < occ.length) {
        if (count() >= max || scanned >= budget) return { ...c, p: pos, i: inst };
        scanned++;
        const o = occ[inst++]!;
        const exc = store.get(o.id);
        const src = exc ?? ev;
        const startMs = exc ? exc.startMs : o.startMs;
        const endMs = exc ? exc.endMs : o.endMs;
        if (passes(p, startMs, endMs, seriesGone || isGone(src), src)) {
          emit(viewInstance(src, { ...o, startMs, endMs }, view, ev.id, seriesGone), startMs, src.updated);
        }
      }
      inst = 0;
      pos++;
      continue;
    }
    scanned++;
    pos++;
    if (p.singleEvents && ev.recurringEventId) continue; // exceptions come with their series
    let endMs = ev.endMs;
    if (isSeries(ev)) {
      const occ = store.occurrences(ev);
      const endless = ev.data.recurrence!.some((l) => /^RRULE/i.test(l) && !/COUNT=|UNTIL=/i.test(l));
      endMs = endless ? Infinity : (occ[occ.length - 1]?.endMs ?? ev.endMs);
    }
    if (passes(p, ev.startMs, endMs, isGone(ev), ev)) emit(viewEvent(ev, view), ev.startMs, ev.updated);
  }
  return null;
}

/** Incremental listing over the change log between the sync token's seq and the snapshot seq. */
function walkChanges(store: CalendarStore, p: ListParams, view: ViewContext, c: PageCursor, out: GoogleEvent[]): PageCursor | null {
  const budget = scanBudget(p.maxResults);
  let idx = store.logIndexAfter(c.p - 1);
  let inst = c.i;
  let scanned = 0;
  while (idx < store.log.length) {
    const entry = store.log[idx]!;
    if (entry.seq > c.s) break;
    if (out.length >= p.maxResults || scanned >= budget) return { ...c, p: entry.seq, i: inst };
    scanned++;
    if (!store.isCurrent(entry)) {
      idx++;
      continue;
    }
    const ev = store.get(entry.id)!;
    if (p.singleEvents && isSeries(ev)) {
      // A changed series reports every instance, then the instances the change removed.
      const occ = store.occurrences(ev);
      const retired = ev.retired ?? [];
      const total = occ.length + retired.length;
      while (inst < total) {
        if (out.length >= p.maxResults || scanned >= budget) return { ...c, p: entry.seq, i: inst };
        scanned++;
        if (inst < occ.length) {
          const o = occ[inst]!;
          const exc = store.get(o.id);
          const src = exc ?? ev;
          out.push(viewInstance(src, exc ? { ...o, startMs: exc.startMs, endMs: exc.endMs } : o, view, ev.id, isGone(ev)));
        } else out.push(retiredStub(ev, retired[inst - occ.length]!, view));
        inst++;
      }
      inst = 0;
    } else if (p.typesMatch) out.push(viewEvent(ev, view));
    idx++;
  }
  return null;
}

/** orderBy listings: materialise, sort, slice. O(calendar) per page; rollcall never orders. */
function sortedPage(store: CalendarStore, p: ListParams, view: ViewContext, c: PageCursor, out: GoogleEvent[]): PageCursor | null {
  const all: Emitted[] = [];
  walkAll(store, p, view, { ...c, p: 0, i: 0 }, [], all);
  if (p.orderBy === 'startTime') all.sort((x, y) => x.startMs - y.startMs);
  else all.sort((x, y) => x.updated - y.updated);
  const page = all.slice(c.p, c.p + p.maxResults);
  out.push(...page.map((e) => e.item));
  return c.p + p.maxResults < all.length ? { ...c, p: c.p + p.maxResults } : null;
}
