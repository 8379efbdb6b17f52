// Event mutations driven by the control API. Every mutation records the calendar-view items it touched in the
// account's change log (what delta links replay) and tells the notifier which event changed.
import type { EventInput, ResponseStatus } from '../shared/control-types.js';
import { applyInput, InputError } from './event-input.js';
import { iCalUIdFor, parseId, randomCore, splitKey } from './ids.js';
import { instanceAt, occurrenceKeys, validateRecurrence } from './recurrence.js';
import type { Store } from './store.js';
import type { AccountData, EventRec } from './types.js';

export type ChangeType = 'created' | 'updated' | 'deleted';
export type ChangeListener = (email: string, ev: EventRec, change: ChangeType) => void;

/** Occurrences tracked for change replay: a series change reports its instances within this horizon of now. */
const HORIZON_MS = 400 * 86_400_000;

export class Calendar {
  private listeners: ChangeListener[] = [];

  constructor(private readonly store: Store) {}

  onChange(l: ChangeListener): void {
    this.listeners.push(l);
  }

  account(email: string): AccountData {
    const acc = this.store.account(email);
    if (!acc) throw new InputError(`unknown account: ${email}`, 404);
    return acc;
  }

  create(email: string, input: EventInput): EventRec {
    const acc = this.account(email);
    const core = randomCore();
    const fields = applyInput(null, input, acc.rec);
    const recurrence = input.recurrence?.length ? input.recurrence : null;
    if (recurrence) this.checkRecurrence(recurrence, fields.start, fields.allDay, fields.timeZone);
    const now = Date.now();
    const ev: EventRec = {
      core,
      email: acc.rec.email,
      fields,
      recurrence,
      exceptions: {},
      isCancelled: false,
      iCalUId: input.iCalUID ?? iCalUIdFor(core),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    acc.events.set(core, ev);
    this.commit(acc, ev, [], 'created');
    return ev;
  }

  /** Resolve a control-API id (either id flavour, or a bare key) to its event and optional occurrence stamp. */
  resolve(acc: AccountData, id: string): { ev: EventRec; stamp: string | null } {
    const key = parseId(id) ?? id;
    const { core, stamp } = splitKey(key);
    const ev = acc.events.get(core);
    if (!ev) throw new InputError(`unknown event: ${id}`, 404);
    if (stamp && (!ev.recurrence || !instanceAt(ev, stamp))) throw new InputError(`no occurrence ${id}`, 404);
    return { ev, stamp };
  }

  update(email: string, id: string, patch: Partial<EventInput>): EventRec {
    const acc = this.account(email);
    const { ev, stamp } = this.resolve(acc, id);
    if (stamp) return this.updateInstance(email, ev, stamp, patch, false);
    const before = this.itemKeys(ev);
    const fields = applyInput(ev.fields, patch, acc.rec);
    const recurrence = patch.recurrence !== undefined ? (patch.recurrence?.length ? patch.recurrence : null) : ev.recurrence;
    if (recurrence) this.checkRecurrence(recurrence, fields.start, fields.allDay, fields.timeZone);
    ev.fields = fields;
    ev.recurrence = recurrence;
    if (patch.iCalUID) ev.iCalUId = patch.iCalUID;
    this.commit(acc, ev, before, 'updated');
    return ev;
  }

  /** Move, retitle or cancel one occurrence: an exception of the series. */
  updateInstance(email: string, ev: EventRec, stamp: string, patch: Partial<EventInput>, cancel: boolean): EventRec {
    const acc = this.account(email);
    if (!ev.recurrence || !instanceAt(ev, stamp)) throw new InputError('no such occurrence', 404);
    const prev = ev.exceptions[stamp];
    const overrides = { ...(prev?.overrides ?? {}) };
    const merged = applyInput({ ...ev.fields, ...overrides }, patch, acc.rec);
    for (const k of ['subject', 'bodyHtml', 'location', 'start', 'end', 'conferenceUrl', 'attendees', 'selfResponse'] as const) {
      if (JSON.stringify(merged[k]) !== JSON.stringify(ev.fields[k])) (overrides as Record<string, unknown>)[k] = merged[k];
    }
    // An occurrence's own start/end must be stored even if equal to the series' first instance.
    if (patch.start !== undefined) overrides.start = merged.start;
    if (patch.end !== undefined) overrides.end = merged.end;
    ev.exceptions[stamp] = { cancelled: cancel || Boolean(prev?.cancelled), overrides, version: (prev?.version ?? 0) + 1 };
    this.commit(acc, ev, [], 'updated', [`${ev.core}_${stamp}`]);
    return ev;
  }

  /** Organizers' cancellations remove the meeting; attendee copies stay with isCancelled (providers.md §4.3). */
  cancel(email: string, id: string): EventRec {
    const acc = this.account(email);
    const { ev, stamp } = this.resolve(acc, id);
    if (stamp) return this.updateInstance(email, ev, stamp, {}, true);
    if (ev.fields.organizer.email === acc.rec.email) {
      this.remove(email, id);
      return ev;
    }
    const before = this.itemKeys(ev);
    ev.isCancelled = true;
    this.commit(acc, ev, before, 'updated');
    return ev;
  }

  remove(email: string, id: string): void {
    const acc = this.account(email);
    const { ev, stamp } = this.resolve(acc, id);
    if (stamp) {
      this.updateInstance(email, ev, stamp, {}, true);
      return;
    }
    const before = this.itemKeys(ev);
    acc.events.delete(ev.core);
    this.commit(acc, ev, before, 'deleted');
  }

  respond(email: string, id: string, response: ResponseStatus): EventRec {
    const acc = this.account(email);
    const { ev, stamp } = this.resolve(acc, id);
    if (ev.fields.organizer.email === acc.rec.email) throw new InputError('the organizer cannot respond to their own meeting', 400);
    if (stamp) return this.updateInstance(email, ev, stamp, { selfResponseStatus: response }, false);
    const before = this.itemKeys(ev);
    ev.fields = { ...ev.fields, selfResponse: response };
    this.commit(acc, ev, before, 'updated');
    return ev;
  }

  /** Calendar-view item keys an event contributes (tracking horizon for series). */
  private itemKeys(ev: EventRec): string[] {
    if (!ev.recurrence) return [ev.core];
    const now = Date.now();
    return [...occurrenceKeys(ev, now - HORIZON_MS, now + HORIZON_MS), ...Object.keys(ev.exceptions).map((s) => `${ev.core}_${s}`)];
  }

  private checkRecurrence(lines: string[], start: string, allDay: boolean, zone: string): void {
    try {
      validateRecurrence(lines, start, allDay, zone);
    } catch (err) {
      throw new InputError(`invalid recurrence: ${(err as Error).message}`);
    }
  }

  private commit(acc: AccountData, ev: EventRec, before: string[], change: ChangeType, only?: string[]): void {
    ev.version++;
    ev.updatedAt = Date.now();
    const after = change === 'deleted' || only ? [] : this.itemKeys(ev);
    const items = only ?? [...new Set([...before, ...after])];
    this.store.recordChange(acc, items);
    for (const l of this.listeners) l(acc.rec.email, ev, change);
  }
}
