// Google push notifications (providers.md §2.8): bodiless POSTs described entirely by X-Goog-* headers.
// Pure parsing; verifying the token against the stored channel secret is the receiver's job.
import type { NotificationMeaning } from '../provider.js';

export type HeaderBag = Record<string, string | string[] | undefined>;

export interface GoogleNotification {
  channelId: string;
  token: string | null;
  /** `sync` (channel created), `exists` (something changed), `not_exists`. */
  resourceState: string;
  messageNumber: number | null;
  resourceId: string | null;
}

function header(headers: HeaderBag, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== name) continue;
    const value = Array.isArray(v) ? v[0] : v;
    return value === undefined ? undefined : value.trim();
  }
  return undefined;
}

/** The notification described by the headers, or null when they are not a Google push notification. */
export function parseGoogleNotification(headers: HeaderBag): GoogleNotification | null {
  const channelId = header(headers, 'x-goog-channel-id');
  const resourceState = header(headers, 'x-goog-resource-state');
  if (!channelId || !resourceState) return null;
  const num = header(headers, 'x-goog-message-number');
  const messageNumber = num !== undefined && /^\d+$/.test(num) ? Number(num) : null;
  return {
    channelId,
    token: header(headers, 'x-goog-channel-token') || null,
    resourceState,
    messageNumber,
    resourceId: header(headers, 'x-goog-resource-id') || null,
  };
}

/**
 * `exists`/`not_exists` mean a change; the first `sync` message also triggers a sync, which closes the gap
 * between the listing that preceded the watch and the channel going live. Unknown states are ignored.
 */
export function meaningOfGoogleNotification(n: GoogleNotification): NotificationMeaning {
  switch (n.resourceState) {
    case 'sync':
    case 'exists':
    case 'not_exists':
      return { kind: 'sync', channelId: n.channelId };
    default:
      return { kind: 'ignore', channelId: n.channelId };
  }
}
