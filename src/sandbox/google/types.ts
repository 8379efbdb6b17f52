// The Google emulator's state. Everything here is plain JSON so it can be persisted as is.
import type { EventInput } from '../shared/control-types.js';

export interface GoogleClient {
  client_id: string;
  client_secret: string;
  /** Exact-match redirect URIs; empty = accept any (convenient for tests). */
  redirect_uris: string[];
  deleted?: boolean;
}

export interface GoogleAccount {
  email: string;
  name: string;
  /** Stable numeric subject, as Google's `sub`. */
  sub: string;
  /** The primary calendar's zone; all-day dates are floating in it. */
  timeZone: string;
}

/** What a user granted one client; its existence decides whether the next consent is "first". */
export interface Grant {
  email: string;
  client_id: string;
  scopes: string[];
}

export interface RefreshTokenRecord {
  email: string;
  client_id: string;
  scopes: string[];
}

export interface AccessTokenRecord extends RefreshTokenRecord {
  /** Expiry, ms since the epoch. */
  exp: number;
}

export interface AuthCodeRecord {
  client_id: string;
  email: string;
  redirect_uri: string;
  scopes: string[];
  /** Whether exchanging it yields a refresh token (offline and first consent or prompt=consent). */
  issueRefresh: boolean;
  wantsIdToken: boolean;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  exp: number;
  used: boolean;
}

export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';

export interface StoredEvent {
  id: string;
  iCalUID: string;
  /** The account's change sequence number at this event's last change (drives incremental sync). */
  seq: number;
  created: number;
  updated: number;
  /** Google's per-event revision counter. */
  sequence: number;
  status: EventStatus;
  /** Deleted outright: only a tombstone (id, and the instance keys) remains visible. */
  deleted: boolean;
  /** Neutral fields; an exception holds a full copy with its own times. */
  data: EventInput;
  startMs: number;
  endMs: number;
  /** Exceptions (moved or cancelled instances) name their series and their slot by the rule. */
  recurringEventId?: string;
  originalStartMs?: number;
  /** Instances that a change to the series removed; reported as cancelled in incremental results. */
  retired?: { id: string; originalStartMs: number }[];
}

export interface Channel {
  id: string;
  resourceId: string;
  resourceUri: string;
  token?: string;
  address: string;
  account: string;
  client_id: string;
  /** ms since the epoch. */
  expiration: number;
  messageNumber: number;
}
