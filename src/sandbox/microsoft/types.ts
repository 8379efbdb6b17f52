// Persisted state of the Microsoft emulator. Plain JSON-able records so the whole state can be written to
// `stateFile` and read back; indexes that are derived from it live elsewhere and are rebuilt on load.
import type { AttendeeInput, ResponseStatus } from '../shared/control-types.js';

export interface ClientRec {
  clientId: string;
  /** null until first presented (clients auto-registered by authorize adopt the first secret they use). */
  clientSecret: string | null;
  redirectUris: string[];
  /** Registered single-tenant: `/common` then fails with AADSTS50194. */
  singleTenant: boolean;
}

export interface AccountRec {
  email: string;
  name: string;
  id: string;
  tenantId: string;
  /** Bumped by expire-sync-state: delta tokens of older generations answer 410. */
  syncGeneration: number;
  /** Last change sequence number handed out for this account. */
  seq: number;
  /** Forced AADSTS error for token requests (control switch), null when healthy. */
  grantError: number | null;
}

export interface GrantRec {
  id: string;
  email: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
  createdAt: number;
}

export interface RefreshTokenRec {
  grantId: string;
  issuedAt: number;
  lastUsedAt: number;
}

export interface AccessTokenRec {
  email: string;
  clientId: string;
  grantId: string;
  scopes: string[];
  expiresAt: number;
}

export interface AuthCodeRec {
  email: string;
  clientId: string;
  grantId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  nonce: string | null;
  expiresAt: number;
  used: boolean;
}

/** Fields an event (or an exception's override) carries, already normalised. */
export interface EventFields {
  subject: string;
  bodyHtml: string;
  location: string;
  /** ISO instant for timed events, `YYYY-MM-DD` when allDay. */
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string;
  conferenceUrl: string | null;
  organizer: { email: string; name: string };
  attendees: AttendeeInput[];
  selfResponse: ResponseStatus | null;
  sensitivity: 'normal' | 'personal' | 'private' | 'confidential';
}

export interface ExceptionRec {
  cancelled: boolean;
  overrides: Partial<EventFields>;
  version: number;
}

/** A single event or a series master. Occurrences are computed, never stored. */
export interface EventRec {
  core: string;
  email: string;
  fields: EventFields;
  recurrence: string[] | null;
  /** Keyed by occurrence stamp (see ids.ts). */
  exceptions: Record<string, ExceptionRec>;
  isCancelled: boolean;
  iCalUId: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}

/** One entry of an account's change log: the calendar-view items (ids without prefix) it touched. */
export interface ChangeRec {
  seq: number;
  items: string[];
}

export interface SubscriptionRec {
  id: string;
  email: string;
  clientId: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  resource: string;
  clientState: string | null;
  expiresAt: number;
  immutableIds: boolean;
  createdAt: number;
}

export interface AccountData {
  rec: AccountRec;
  events: Map<string, EventRec>;
  changes: ChangeRec[];
}
