// Control-plane mutations of a calendar: create, patch (move, retitle, relink), cancel, delete, respond, and
// exceptions to one instance of a series. Every change goes through CalendarStore.touch so it reaches
// incremental sync and push.
import type { EventInput, ResponseStatus } from '../shared/control-types.js';
import { validateRecurrence } from './recurrence.js';
import { eventId, type GoogleState } from './state.js';
import type { CalendarStore } from './store.js';
import { isValidZone, toMillis } from './time.js';
import type { StoredEvent } from './types.js';

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const RESPONSES: ResponseStatus[] = ['accepted', 'declined', 'tentative', 'needsAction'];

export class EventService {
  constructor(private readonly state: GoogleState) {}

  create(email: string, input: EventInput): StoredEvent {
    const cal = this.calendarOf(email);
    const data = { ...input };
    const { startMs, endMs } = times(data, cal.calendarZone);
    const id = eventId();
    const now = Date.now();
    return cal.insert({
      id,
      iCalUID: input.iCalUID ?? `${id}@google.com`,
      seq: 0,
      created: now,
      updated: now,
      sequence: 0,
      status: 'confirmed',
      deleted: false,
      data,
      startMs,
      endMs,
    });
  }

  patch(email: string, id: string, changes: Partial<EventInput>): StoredEvent {
    const cal = this.calendarOf(email);
    const ev = this.findOrException(cal, id);
    if (ev.deleted) throw new ControlError(410, 'event was deleted');
    const data: EventInput = { ...ev.data, ...changes };
    const t = times(data, cal.calendarZone);
    const before = !ev.recurringEventId && ev.data.recurrence?.length ? cal.occurrences(ev) : [];
    ev.data = data;
    ev.startMs = t.startMs;
    ev.endMs = t.endMs;
    if (before.length) this.retireVanished(cal, ev, before);
    cal.touch(ev);
    return ev;
  }

  cancel(email: string, id: string): StoredEvent {
    return this.end(email, id, false);
  }

  remove(email: string, id: string): StoredEvent {
    return this.end(email, id, true);
  }

  respond(email: string, id: string, status: unknown): StoredEvent {
    if (!RESPONSES.includes(status as ResponseStatus)) throw new ControlError(400, `responseStatus must be one of ${RESPONSES.join(', ')}`);
    const cal = this.calendarOf(email);
    const ev = this.findOrException(cal, id);
    const r = status as ResponseStatus;
    ev.data = {
      ...ev.data,
      selfResponseStatus: r,
      attendees: ev.data.attendees?.map((a) => (a.email.toLowerCase() === email ? { ...a, responseStatus: r } : a)),
    };
    cal.touch(ev);
    return ev;
  }

  /** Move or cancel one instance of a series, identified by its slot under the rule. */
  instance(email: string, seriesId: string, body: { originalStart?: string; start?: string; end?: string; cancel?: boolean }): StoredEvent {
    const cal = this.calendarOf(email);
    const master = cal.get(seriesId);
    if (!master || master.recurringEventId || !master.data.recurrence?.length) throw new ControlError(404, `no series ${seriesId}`);
    if (!body.originalStart) throw new ControlError(400, 'originalStart is required');
    const slot = toMillis(body.originalStart, master.data.allDay === true, cal.calendarZone);
    const occ = cal.occurrences(master).find((o) => o.originalStartMs === slot);
    if (!occ) throw new ControlError(404, `the series has no instance at ${body.originalStart}`);
    const ev = this.exceptionFor(cal, master, occ.id)!;
    if (body.cancel) return this.end(email, ev.id, false);
    return this.patch(email, ev.id, { ...(body.start ? { start: body.start } : {}), ...(body.end ? { end: body.end } : {}) });
  }

  private end(email: string, id: string, deleted: boolean): StoredEvent {
    const cal = this.calendarOf(email);
    const ev = this.findOrException(cal, id);
    ev.status = 'cancelled';
    ev.deleted = ev.deleted || deleted;
    cal.touch(ev);
    // A series takes its exceptions with it.
    if (!ev.recurringEventId && ev.data.recurrence?.length) {
      for (const other of cal.events.values()) {
        if (other.recurringEventId === ev.id && !(other.deleted || (other.status === 'cancelled' && !deleted))) {
          other.status = 'cancelled';
          other.deleted = other.deleted || deleted;
          cal.touch(other);
        }
      }
    }
    return ev;
  }

  private calendarOf(email: string): CalendarStore {
    const key = email.toLowerCase();
    if (!this.state.accounts.has(key)) throw new ControlError(404, `no account ${email}`);
    return this.state.calendar(key);
  }

  /** A stored item, or for an instance id of a series, a new exception for that instance. */
  private findOrException(cal: CalendarStore, id: string): StoredEvent {
    const ev = cal.get(id);
    if (ev) return ev;
    const sep = id.lastIndexOf('_');
    const master = sep > 0 ? cal.get(id.slice(0, sep)) : undefined;
    const exc = master ? this.exceptionFor(cal, master, id) : undefined;
    if (!exc) throw new ControlError(404, `no event ${id}`);
    return exc;
  }

  private exceptionFor(cal: CalendarStore, master: StoredEvent, instanceId: string): StoredEvent | undefined {
    const existing = cal.get(instanceId);
    if (existing) return existing;
    const occ = cal.occurrence(master, instanceId);
    if (!occ) return undefined;
    const { recurrence: _r, ...rest } = master.data;
    const allDay = master.data.allDay === true;
    const data: EventInput = { ...rest, start: isoOf(occ.startMs, allDay, cal.calendarZone), end: isoOf(occ.endMs, allDay, cal.calendarZone) };
    const now = Date.now();
    return cal.insert({
      id: instanceId,
      iCalUID: master.iCalUID,
      seq: 0,
      created: master.created,
      updated: now,
      sequence: master.sequence,
      status: master.status,
      deleted: false,
      data,
      startMs: occ.startMs,
      endMs: occ.endMs,
      recurringEventId: master.id,
      originalStartMs: occ.originalStartMs,
    });
  }

  /** Instances a series change removed are reported as cancelled in incremental sync. */
  private retireVanished(cal: CalendarStore, master: StoredEvent, before: { id: string; originalStartMs: number }[]): void {
    master.seq = -1; // invalidate the expansion cache before recomputing
    const now = new Set(cal.occurrences(master).map((o) => o.id));
    const retired = new Map((master.retired ?? []).map((r) => [r.id, r]));
    for (const o of before) if (!now.has(o.id)) retired.set(o.id, { id: o.id, originalStartMs: o.originalStartMs });
    for (const id of now) retired.delete(id);
    master.retired = [...retired.values()].slice(-5000);
  }
}

function times(data: EventInput, calendarZone: string): { startMs: number; endMs: number } {
  const allDay = data.allDay === true;
  if (data.timeZone !== undefined && !isValidZone(data.timeZone)) throw new ControlError(400, `unknown time zone ${data.timeZone}`);
  if (data.recurrence?.length) {
    const bad = validateRecurrence(data.recurrence);
    if (bad) throw new ControlError(400, bad);
  }
  let startMs: number;
  let endMs: number;
  try {
    startMs = toMillis(data.start, allDay, calendarZone);
    endMs = toMillis(data.end, allDay, calendarZone);
  } catch (err) {
    throw new ControlError(400, (err as Error).message);
  }
  if (endMs <= startMs) throw new ControlError(400, 'end must be after start');
  return { startMs, endMs };
}

function isoOf(ms: number, allDay: boolean, zone: string): string {
  const d = new Date(ms);
  if (!allDay) return d.toISOString();
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
