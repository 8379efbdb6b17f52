// One account's primary calendar: events by id, a stable listing order, and a change log ordered by the
// account's change sequence number. A full listing walks `order`, an incremental one walks `log` from the
// position a sync token encodes, so a page costs O(page), not O(calendar).
import type { StoredEvent } from './types.js';
import { expandSeries, type Occurrence } from './recurrence.js';

export interface CalendarSnapshot {
  seq: number;
  epoch: number;
  events: StoredEvent[];
}

export interface LogEntry {
  seq: number;
  id: string;
}

export class CalendarStore {
  seq = 0;
  /** Bumped to invalidate every sync and page token (expire-sync-state, reset). */
  epoch = 1;
  updated = Date.now();
  readonly events = new Map<string, StoredEvent>();
  /** Ids in creation order; never shrinks, so page positions stay valid. */
  readonly order: string[] = [];
  /** Changes, ascending by seq; superseded entries are compacted away now and then. */
  log: LogEntry[] = [];
  private expansions = new Map<string, { seq: number; horizonDay: number; occ: Occurrence[] }>();

  constructor(
    readonly email: string,
    public calendarZone: string,
    private readonly onChange: (email: string) => void,
    readonly horizonDays: number,
  ) {}

  static restore(snap: CalendarSnapshot, email: string, zone: string, onChange: (email: string) => void, horizonDays: number): CalendarStore {
    const s = new CalendarStore(email, zone, onChange, horizonDays);
    s.seq = snap.seq;
    s.epoch = snap.epoch;
    for (const ev of snap.events) {
      s.events.set(ev.id, ev);
      s.order.push(ev.id);
    }
    s.log = [...snap.events].sort((a, b) => a.seq - b.seq).map((e) => ({ seq: e.seq, id: e.id }));
    return s;
  }

  snapshot(): CalendarSnapshot {
    return { seq: this.seq, epoch: this.epoch, events: this.order.map((id) => this.events.get(id)!) };
  }

  get(id: string): StoredEvent | undefined {
    return this.events.get(id);
  }

  /** Add a new event (series, single event or exception). */
  insert(ev: StoredEvent): StoredEvent {
    this.events.set(ev.id, ev);
    this.order.push(ev.id);
    this.touch(ev, false);
    return ev;
  }

  /** Record a change to an event already stored (after mutating it). */
  touch(ev: StoredEvent, bumpSequence = true): void {
    ev.seq = ++this.seq;
    ev.updated = Math.max(Date.now(), ev.updated + 1);
    if (bumpSequence) ev.sequence += 1;
    this.updated = ev.updated;
    this.log.push({ seq: ev.seq, id: ev.id });
    if (this.log.length > 2 * this.events.size + 1024) this.compact();
    this.onChange(this.email);
  }

  /** First log index with seq > `seq`. */
  logIndexAfter(seq: number): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.log[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether a log entry still describes the event's latest change. */
  isCurrent(entry: LogEntry): boolean {
    return this.events.get(entry.id)?.seq === entry.seq;
  }

  /** Instances of a series up to the horizon, cached until the series changes or the day rolls. */
  occurrences(master: StoredEvent): Occurrence[] {
    const horizonDay = Math.floor(Date.now() / 86_400_000) + this.horizonDays;
    const cached = this.expansions.get(master.id);
    if (cached && cached.seq === master.seq && cached.horizonDay === horizonDay) return cached.occ;
    const occ = expandSeries(master, this.calendarZone, horizonDay * 86_400_000);
    this.expansions.set(master.id, { seq: master.seq, horizonDay, occ });
    return occ;
  }

  /** Find an instance of a series by its instance id. */
  occurrence(master: StoredEvent, instanceId: string): Occurrence | undefined {
    return this.occurrences(master).find((o) => o.id === instanceId);
  }

  /** Make every outstanding sync and page token answer 410. */
  expireSyncState(): void {
    this.epoch += 1;
  }

  private compact(): void {
    this.log = this.log.filter((e) => this.isCurrent(e));
  }
}
