// The control API both emulators share (served under CONTROL_PREFIX on each emulator's origin).
// Tests, the demo seeding and the benchmarks drive either provider through the same neutral shapes, so a
// scenario written once runs against Google and Microsoft alike. Provider-native JSON is what the emulated
// provider endpoints return; these types are only the control plane's input and output.

/** A path prefix the real services could never serve. */
export const CONTROL_PREFIX = '/__sandbox';

export type ResponseStatus = 'accepted' | 'declined' | 'tentative' | 'needsAction';

export interface AttendeeInput {
  email: string;
  name?: string;
  responseStatus?: ResponseStatus;
  /** A room or other resource (Google `resource: true`, Graph `type: "resource"`). */
  resource?: boolean;
}

/** Neutral description of an event; each emulator maps it to its provider's native shape. */
export interface EventInput {
  summary?: string;
  description?: string;
  /** HTML body (Microsoft); Google stores it as the description. */
  bodyHtml?: string;
  location?: string;
  /** ISO 8601 instant (with offset) for timed events, or `YYYY-MM-DD` with `allDay: true`. */
  start: string;
  end: string;
  allDay?: boolean;
  /** IANA time zone the event is expressed in (default UTC). */
  timeZone?: string;
  /** RFC 5545 lines, e.g. ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10"]. */
  recurrence?: string[];
  /** Online meeting: Google puts it in conferenceData (+hangoutLink for Meet); Microsoft in onlineMeeting.joinUrl. */
  conferenceUrl?: string;
  /** Organizer email; defaults to the account itself (then the account is the organizer). */
  organizer?: string;
  attendees?: AttendeeInput[];
  /** The account's own response when it is an attendee. */
  selfResponseStatus?: ResponseStatus;
  visibility?: 'default' | 'public' | 'private' | 'confidential';
  iCalUID?: string;
}

export interface CreatedAccount {
  email: string;
  client_id: string;
  client_secret: string;
  /** A refresh token valid for client_id, as if the user had consented. */
  refresh_token: string;
  scopes: string[];
}

export type FaultKind =
  | 'latency' // add `ms` to matching requests
  | 'error' // answer `status` (5xx/401/403/404/410) with the provider's error body
  | 'rate_limit' // 429 (Google: 403/429 rateLimitExceeded) with Retry-After `retryAfter` seconds
  | 'timeout' // accept the request and never answer (until the emulator closes)
  | 'drop_notifications'
  | 'duplicate_notifications'
  | 'reorder_notifications';

export interface FaultInput {
  kind: FaultKind;
  /** Account email; omitted = every account. */
  account?: string;
  /** Substring or regex source matched against the request path (provider endpoints only). */
  path?: string;
  status?: number;
  /** Provider error reason for `error` faults (Google e.g. quotaExceeded, userRateLimitExceeded,
   *  insufficientPermissions; Graph an error code). Omitted = the usual reason for `status`. */
  reason?: string;
  retryAfter?: number;
  ms?: number;
  /** How many matching requests/notifications to affect; omitted = until removed. */
  count?: number;
  /** 0..1, default 1. */
  probability?: number;
}

/**
 * Control routes (all JSON, all under CONTROL_PREFIX, no auth; both emulators implement every one):
 *   POST   /reset                                    forget everything
 *   POST   /clients                                  {client_id, client_secret, redirect_uris?} register an OAuth client
 *   POST   /accounts                                 {email, name?, client_id?, client_secret?, scopes?} -> CreatedAccount
 *   POST   /accounts/:email/revoke                   revoke every grant and token of the account
 *   POST   /accounts/:email/expire-sync-state        make every sync token / delta link answer 410
 *   POST   /accounts/:email/events                   EventInput -> provider-native event
 *   GET    /accounts/:email/events                   provider-native events (masters and single events)
 *   PATCH  /accounts/:email/events/:id               Partial<EventInput> (move, retitle, change link...) -> event
 *   POST   /accounts/:email/events/:id/cancel        cancel (Google status=cancelled; Graph isCancelled, then removed)
 *   DELETE /accounts/:email/events/:id               delete outright
 *   POST   /accounts/:email/events/:id/respond       {responseStatus} the account answers as attendee
 *   POST   /accounts/:email/events/:id/instances     {originalStart, start?, end?, cancel?: true} move or cancel
 *                                                    one occurrence of a series (an exception)
 *   POST   /accounts/:email/seed-week                {seed?, weekStart?, soonMinutes?} realistic week -> {count}
 *   POST   /accounts/:email/notify                   fire a change notification for the account's channels now
 *   POST   /subscriptions/:id/lifecycle              {event: reauthorizationRequired|subscriptionRemoved|missed} (Microsoft)
 *   GET    /channels                                 active channels / subscriptions
 *   POST   /faults                                   FaultInput -> {id}
 *   DELETE /faults                                   remove all faults
 *   DELETE /faults/:id
 *   GET    /requests?account=&limit=                 the provider requests received, newest last
 *   GET    /state                                    whole state (for persistence and debugging)
 */
export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  account: string | null;
  status: number;
}
