// The one interface the sync engine uses to talk to a calendar provider, in rollcall's own types. Adapters
// (google/, microsoft/) are small typed clients on fetch; every base URL comes from the configuration, so the
// same code runs against the real services and the in-repo emulators.

export type CalendarPlatform = 'google_calendar' | 'microsoft_outlook';

/** OAuth client credentials and the grant to use them with. */
export interface ProviderCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface AccessToken {
  token: string;
  expiresAt: Date;
  /** Microsoft rotates refresh tokens: when set, persist it in place of the old one. */
  rotatedRefreshToken?: string;
  /** Scopes granted, as the provider reported them (space-separated list split). */
  scopes?: string[];
}

/** A provider event as rollcall stores it: identity and times normalised, `raw` verbatim. */
export interface ProviderEvent {
  /** Provider event id (Google instance id; Graph immutable id). */
  platformId: string;
  icalUid: string | null;
  /** UTC instants; all-day events from midnight to midnight in the calendar's time zone. */
  startTime: Date;
  endTime: Date;
  isAllDay: boolean;
  /** Cancelled or deleted at the provider (Google status=cancelled, Graph isCancelled / @removed). */
  isDeleted: boolean;
  /** The full provider event JSON (never a sparse delta stub for live events). Null for removals seen without one. */
  raw: Record<string, unknown> | null;
}

/** One page of a full or incremental listing. */
export interface EventPage {
  events: ProviderEvent[];
  /** Continue the same listing with this cursor (Google pageToken; Graph nextLink). */
  nextPageCursor: string | null;
  /** Present on the last page: the state to start the next incremental sync from (Google syncToken; Graph deltaLink). */
  syncState: string | null;
  /** Provider requests this page cost (for the "O(1) per change" measurements). */
  requests: number;
}

export interface ListWindow {
  start: Date;
  end: Date;
}

export interface PushChannel {
  /** Google channel id; Graph subscription id. */
  id: string;
  /** Google resourceId (needed by channels.stop); null for Graph. */
  resourceId: string | null;
  expiresAt: Date;
  /** The secret the provider echoes in notifications (Google X-Goog-Channel-Token; Graph clientState). */
  secret: string;
}

/** What a verified notification means for the sync engine. */
export type NotificationMeaning =
  | { kind: 'sync'; channelId: string } // something changed (or the channel's first `sync` message): sync
  | { kind: 'ignore'; channelId: string } // handshake-like messages needing no sync
  | { kind: 'resubscribe'; channelId: string } // Graph subscriptionRemoved / reauthorizationRequired
  | { kind: 'missed'; channelId: string }; // Graph `missed`: changes were lost, resync

/** Provider failures, classified once in the adapter so the engine never parses provider error bodies. */
export type ProviderErrorKind =
  | 'auth_revoked' // permanent: disconnect the calendar (providers.md §5)
  | 'unauthorized' // 401 from the API right after a refresh: retry with a fresh token
  | 'sync_state_expired' // 410: full resync
  | 'rate_limited' // 429 / 403 rateLimitExceeded: back off (retryAfterMs when given)
  | 'transient' // 5xx, timeouts, network errors, temporarily_unavailable
  | 'not_found' // the channel/subscription/event is gone
  | 'invalid_request'; // our bug or an unsupported request: log and do not retry blindly

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly details: {
      /** The provider's code for status_changes: `invalid_grant`, `AADSTS70000`, `ErrorAccessDenied`… */
      code?: string;
      status?: number;
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface CalendarProvider {
  readonly platform: CalendarPlatform;

  /** Exchange the refresh token for an access token. Throws ProviderError('auth_revoked') on a dead grant. */
  refreshAccessToken(creds: ProviderCredentials): Promise<AccessToken>;

  /** The account's email (Google userinfo; Graph /me mail or userPrincipalName). */
  accountEmail(accessToken: string): Promise<string>;

  /**
   * Lists events. With `syncState` null: a full listing of the window (instances expanded). With a syncState:
   * only changes since it. Follow `nextPageCursor` with the same call until a page carries `syncState`.
   * Throws ProviderError('sync_state_expired') when the provider answers 410.
   */
  listEvents(
    accessToken: string,
    opts: { window: ListWindow; syncState: string | null; pageCursor: string | null; pageSize?: number },
  ): Promise<EventPage>;

  /** Fetches one event in full (used when an incremental result is a stub that must be completed). */
  getEvent(accessToken: string, platformId: string): Promise<ProviderEvent | null>;

  /**
   * Creates a push channel delivering to `address` (rollcall's notification endpoint). Graph performs the
   * validation handshake against `address` before answering.
   */
  createPushChannel(accessToken: string, opts: { address: string; lifecycleAddress?: string; requestedTtlSeconds: number }): Promise<PushChannel>;

  /** Extends a channel (Graph PATCH); Google cannot renew, so its adapter creates a new channel instead. */
  renewPushChannel(accessToken: string, channel: PushChannel, opts: { address: string; lifecycleAddress?: string; requestedTtlSeconds: number }): Promise<PushChannel>;

  /** Stops a channel; a channel already gone is not an error. */
  stopPushChannel(accessToken: string, channel: PushChannel): Promise<void>;
}
