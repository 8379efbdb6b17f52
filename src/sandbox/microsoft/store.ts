// In-memory state of the emulator. Everything mutable lives here so that reset, /state and persistence (the
// shared StateFile, wired in server.ts through `onChange`) see one consistent picture.
import { uuid } from './ids.js';
import type {
  AccessTokenRec,
  AccountData,
  AccountRec,
  AuthCodeRec,
  ChangeRec,
  ClientRec,
  EventRec,
  GrantRec,
  RefreshTokenRec,
  SubscriptionRec,
} from './types.js';

/** Changes kept per account; a delta token older than the oldest kept change answers 410 SyncStateNotFound. */
const MAX_CHANGES = 200_000;

export interface Snapshot {
  version: 1;
  clients: ClientRec[];
  accounts: { rec: AccountRec; events: EventRec[]; changes: ChangeRec[] }[];
  grants: GrantRec[];
  refreshTokens: [string, RefreshTokenRec][];
  accessTokens: [string, AccessTokenRec][];
  codes: [string, AuthCodeRec][];
  subscriptions: SubscriptionRec[];
}

export class Store {
  readonly clients = new Map<string, ClientRec>();
  readonly accounts = new Map<string, AccountData>();
  readonly grants = new Map<string, GrantRec>();
  readonly refreshTokens = new Map<string, RefreshTokenRec>();
  readonly accessTokens = new Map<string, AccessTokenRec>();
  readonly codes = new Map<string, AuthCodeRec>();
  readonly subscriptions = new Map<string, SubscriptionRec>();
  /** Called after every mutation (persistence hook). */
  onChange: () => void = () => undefined;

  constructor(initial: Snapshot | null = null) {
    if (initial) this.load(initial);
  }

  account(email: string): AccountData | undefined {
    return this.accounts.get(email.toLowerCase());
  }

  ensureAccount(email: string, name?: string): AccountData {
    const key = email.toLowerCase();
    let acc = this.accounts.get(key);
    if (!acc) {
      const rec: AccountRec = {
        email: key,
        name: name ?? defaultName(key),
        id: uuid(),
        tenantId: uuid(),
        syncGeneration: 1,
        seq: 0,
        grantError: null,
      };
      acc = { rec, events: new Map(), changes: [] };
      this.accounts.set(key, acc);
      this.changed();
    } else if (name) acc.rec.name = name;
    return acc;
  }

  /** Append a change for `items` (calendar-view item keys) and return its sequence number. */
  recordChange(acc: AccountData, items: string[]): number {
    const seq = ++acc.rec.seq;
    acc.changes.push({ seq, items });
    if (acc.changes.length > MAX_CHANGES * 1.1) acc.changes.splice(0, acc.changes.length - MAX_CHANGES);
    this.changed();
    return seq;
  }

  /** Oldest sequence number a delta token may still start from. */
  oldestResumableSeq(acc: AccountData): number {
    return acc.changes.length ? acc.changes[0].seq - 1 : acc.rec.seq;
  }

  reset(): void {
    for (const m of [this.clients, this.accounts, this.grants, this.refreshTokens, this.accessTokens, this.codes, this.subscriptions]) m.clear();
    this.changed();
  }

  changed(): void {
    this.onChange();
  }

  snapshot(): Snapshot {
    const now = Date.now();
    return {
      version: 1,
      clients: [...this.clients.values()],
      accounts: [...this.accounts.values()].map((a) => ({ rec: a.rec, events: [...a.events.values()], changes: a.changes })),
      grants: [...this.grants.values()],
      refreshTokens: [...this.refreshTokens],
      accessTokens: [...this.accessTokens].filter(([, t]) => t.expiresAt > now),
      codes: [...this.codes].filter(([, c]) => c.expiresAt > now),
      subscriptions: [...this.subscriptions.values()],
    };
  }

  private load(s: Snapshot): void {
    for (const c of s.clients) this.clients.set(c.clientId, c);
    for (const a of s.accounts) {
      this.accounts.set(a.rec.email, { rec: a.rec, events: new Map(a.events.map((e) => [e.core, e])), changes: a.changes });
    }
    for (const g of s.grants) this.grants.set(g.id, g);
    for (const [k, v] of s.refreshTokens) this.refreshTokens.set(k, v);
    for (const [k, v] of s.accessTokens) this.accessTokens.set(k, v);
    for (const [k, v] of s.codes) this.codes.set(k, v);
    for (const sub of s.subscriptions) this.subscriptions.set(sub.id, sub);
  }
}

function defaultName(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}
