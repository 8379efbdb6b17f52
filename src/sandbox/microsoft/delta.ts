// calendarView delta (providers.md §4.1–4.2). An initial round snapshots the item keys in range once
// (O(n log n)) and serves pages as O(pagesize) slices; a delta link carries the account's change sequence, so
// the next round replays only the change-log entries after it. Skip tokens name an in-memory snapshot plus
// an offset (so retrying a nextLink is idempotent); delta tokens are self-contained and survive restarts.
import { randomCore } from './ids.js';
import { renderEvent, renderRemoved, renderStub, type ViewOpts } from './event-view.js';
import { itemByKey, itemsInRange, overlaps } from './view-items.js';
import type { Store } from './store.js';
import type { AccountData } from './types.js';

const MAX_SESSIONS = 500;
const SESSION_IDLE_MS = 60 * 60_000;
export const DEFAULT_PAGE_SIZE = 10;

interface Session {
  email: string;
  gen: number;
  from: number;
  to: number;
  keys: string[];
  endSeq: number;
  pageSize: number;
  lastUsed: number;
}

interface DeltaToken {
  a: string;
  s: number;
  e: number;
  q: number;
  g: number;
}

export type DeltaResult =
  | { ok: true; value: Record<string, unknown>[]; nextToken?: string; deltaToken?: string; initial: boolean }
  | { ok: false; status: number; code: string; message: string };

const gone = (message: string): DeltaResult => ({ ok: false, status: 410, code: 'SyncStateNotFound', message });

export class DeltaEngine {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly store: Store) {}

  /** Forget snapshots of an account (expire-sync-state, reset). */
  forget(email?: string): void {
    for (const [id, s] of this.sessions) if (!email || s.email === email) this.sessions.delete(id);
  }

  /** First request of a round: snapshot the range. */
  begin(acc: AccountData, from: number, to: number, pageSize: number | null, view: ViewOpts): DeltaResult {
    const keys = itemsInRange(acc, from, to).map((i) => i.key);
    return this.serve(this.open(acc, from, to, keys, pageSize), 0, pageSize, view, acc, true);
  }

  /** Follow a nextLink. */
  next(acc: AccountData, skipToken: string, pageSize: number | null, view: ViewOpts): DeltaResult {
    const [id, off] = skipToken.split('.');
    const session = this.sessions.get(id);
    const offset = Number(off);
    if (!session || session.email !== acc.rec.email || !Number.isInteger(offset)) return gone('The sync state is not found; the skip token is unknown or expired.');
    if (session.gen !== acc.rec.syncGeneration) return gone(`The sync state generation is not found; generation=${session.gen};[highest=${acc.rec.syncGeneration}].`);
    session.lastUsed = Date.now();
    return this.serve({ id, session }, offset, pageSize, view, acc, false);
  }

  /** Follow a deltaLink: replay the changes after the token's sequence number. */
  resume(acc: AccountData, deltaToken: string, pageSize: number | null, view: ViewOpts): DeltaResult {
    let tok: DeltaToken;
    try {
      tok = JSON.parse(Buffer.from(deltaToken, 'base64url').toString('utf8')) as DeltaToken;
    } catch {
      return gone('The sync state is not found; the delta token is malformed.');
    }
    if (tok.a !== acc.rec.email) return gone('The sync state is not found for this mailbox.');
    if (tok.g !== acc.rec.syncGeneration || tok.q < this.store.oldestResumableSeq(acc) || tok.q > acc.rec.seq) {
      return gone(`The sync state generation is not found; generation=${tok.g};[highest=${acc.rec.syncGeneration}][${acc.rec.syncGeneration}].`);
    }
    const changes = acc.changes;
    // Binary search for the first change after the token.
    let lo = 0;
    let hi = changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (changes[mid].seq <= tok.q) lo = mid + 1;
      else hi = mid;
    }
    // Last occurrence wins, so an item changed twice is reported once, in its latest position.
    const order = new Map<string, number>();
    let n = 0;
    for (let i = lo; i < changes.length; i++) for (const k of changes[i].items) {
      order.delete(k);
      order.set(k, n++);
    }
    return this.serve(this.open(acc, tok.s, tok.e, [...order.keys()], pageSize), 0, pageSize, view, acc, false);
  }

  private open(acc: AccountData, from: number, to: number, keys: string[], pageSize: number | null): { id: string; session: Session } {
    this.evict();
    const id = randomCore(24);
    const session: Session = {
      email: acc.rec.email,
      gen: acc.rec.syncGeneration,
      from,
      to,
      keys,
      endSeq: acc.rec.seq,
      pageSize: pageSize ?? DEFAULT_PAGE_SIZE,
      lastUsed: Date.now(),
    };
    this.sessions.set(id, session);
    return { id, session };
  }

  private serve(s: { id: string; session: Session }, offset: number, pageSize: number | null, view: ViewOpts, acc: AccountData, initial: boolean): DeltaResult {
    const { session } = s;
    const size = pageSize ?? session.pageSize;
    const slice = session.keys.slice(offset, offset + size);
    const value = slice.map((key) => {
      const item = itemByKey(acc, key);
      // Deleted, cancelled, or moved out of the frozen range: all reported as @removed (providers.md §4.1).
      if (!item || !overlaps(item, session.from, session.to)) return renderRemoved(key, view);
      return item.inst ? renderStub(item.ev, item.inst, view) : { '@odata.type': '#microsoft.graph.event', ...renderEvent(acc.rec, item.ev, null, view) };
    });
    const end = offset + size >= session.keys.length;
    if (!end) return { ok: true, value, nextToken: `${s.id}.${offset + size}`, initial };
    const token: DeltaToken = { a: session.email, s: session.from, e: session.to, q: session.endSeq, g: session.gen };
    return { ok: true, value, deltaToken: Buffer.from(JSON.stringify(token)).toString('base64url'), initial };
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, s] of this.sessions) if (now - s.lastUsed > SESSION_IDLE_MS) this.sessions.delete(id);
    while (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string);
  }
}
