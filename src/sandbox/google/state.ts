// The emulator's whole state: OAuth clients, accounts, grants and tokens, calendars and push channels.
// Plain maps so it snapshots to JSON for the optional state file.
import { randomBytes } from 'node:crypto';
import { CalendarStore, type CalendarSnapshot } from './store.js';
import type { AccessTokenRecord, AuthCodeRecord, Channel, GoogleAccount, GoogleClient, Grant, RefreshTokenRecord } from './types.js';

export interface StateSnapshot {
  version: 1;
  clients: GoogleClient[];
  accounts: GoogleAccount[];
  grants: Grant[];
  refreshTokens: [string, RefreshTokenRecord][];
  accessTokens: [string, AccessTokenRecord][];
  calendars: [string, CalendarSnapshot][];
  channels: Channel[];
}

export const randomToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');

/** Google event ids use base32hex characters. */
export function eventId(): string {
  const abc = '0123456789abcdefghijklmnopqrstuv';
  const bytes = randomBytes(26);
  let s = '';
  for (const b of bytes) s += abc[b & 31];
  return s;
}

export const grantKey = (email: string, clientId: string): string => `${email}\n${clientId}`;

export class GoogleState {
  clients = new Map<string, GoogleClient>();
  accounts = new Map<string, GoogleAccount>();
  grants = new Map<string, Grant>();
  codes = new Map<string, AuthCodeRecord>();
  refreshTokens = new Map<string, RefreshTokenRecord>();
  accessTokens = new Map<string, AccessTokenRecord>();
  calendars = new Map<string, CalendarStore>();
  channels = new Map<string, Channel>();
  private retiredEpochs = new Map<string, number>();

  constructor(
    private readonly onCalendarChange: (email: string) => void,
    readonly horizonDays: number,
  ) {}

  calendar(email: string): CalendarStore {
    let cal = this.calendars.get(email);
    if (!cal) {
      const account = this.accounts.get(email);
      cal = new CalendarStore(email, account?.timeZone ?? 'UTC', this.onCalendarChange, this.horizonDays);
      cal.epoch = (this.retiredEpochs.get(email) ?? 0) + 1;
      this.calendars.set(email, cal);
    }
    return cal;
  }

  ensureAccount(email: string, name?: string, timeZone?: string): GoogleAccount {
    const key = email.toLowerCase();
    let acc = this.accounts.get(key);
    if (!acc) {
      const sub = String(100_000_000_000_000_000_000n + BigInt('0x' + randomBytes(8).toString('hex')));
      acc = { email: key, name: name ?? key.split('@')[0]!, sub, timeZone: timeZone ?? 'UTC' };
      this.accounts.set(key, acc);
    } else {
      if (name) acc.name = name;
      if (timeZone) acc.timeZone = timeZone;
    }
    this.calendar(key).calendarZone = acc.timeZone;
    return acc;
  }

  /** Drop every grant and token of an account (for all clients, or one). */
  revokeAccount(email: string, clientId?: string): void {
    for (const [k, g] of this.grants) if (g.email === email && (!clientId || g.client_id === clientId)) this.grants.delete(k);
    for (const m of [this.refreshTokens, this.accessTokens] as Map<string, RefreshTokenRecord>[]) {
      for (const [t, r] of m) if (r.email === email && (!clientId || r.client_id === clientId)) m.delete(t);
    }
  }

  pruneExpiredTokens(now = Date.now()): void {
    for (const [t, r] of this.accessTokens) if (r.exp <= now) this.accessTokens.delete(t);
    for (const [c, r] of this.codes) if (r.exp <= now) this.codes.delete(c);
  }

  reset(): void {
    this.clients.clear();
    this.accounts.clear();
    this.grants.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
    // Keep epochs moving forward so tokens from before the reset answer 410, not stale data.
    for (const [email, cal] of this.calendars) this.retiredEpochs.set(email, cal.epoch);
    this.calendars.clear();
    this.channels.clear();
  }

  snapshot(): StateSnapshot {
    return {
      version: 1,
      clients: [...this.clients.values()],
      accounts: [...this.accounts.values()],
      grants: [...this.grants.values()],
      refreshTokens: [...this.refreshTokens],
      accessTokens: [...this.accessTokens],
      calendars: [...this.calendars].map(([e, c]) => [e, c.snapshot()]),
      channels: [...this.channels.values()],
    };
  }

  restore(s: StateSnapshot): void {
    for (const c of s.clients) this.clients.set(c.client_id, c);
    for (const a of s.accounts) this.accounts.set(a.email, a);
    for (const g of s.grants) this.grants.set(grantKey(g.email, g.client_id), g);
    this.refreshTokens = new Map(s.refreshTokens);
    this.accessTokens = new Map(s.accessTokens);
    for (const [email, snap] of s.calendars) {
      const zone = this.accounts.get(email)?.timeZone ?? 'UTC';
      this.calendars.set(email, CalendarStore.restore(snap, email, zone, this.onCalendarChange, this.horizonDays));
    }
    for (const ch of s.channels) this.channels.set(ch.id, ch);
  }
}
