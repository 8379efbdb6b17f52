// Provider push notifications: verify the channel secret (Google X-Goog-Channel-Token, Graph clientState) in
// constant time against the one calendar the channel id names, then only enqueue work. A forged or stale
// notification costs one indexed lookup and writes nothing.
import { createHash, timingSafeEqual } from 'node:crypto';
import { calendarByPushChannel, calendarsByPushChannels, updateCalendar } from '../db/calendars.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../observability/logger.js';
import { meaningOfGoogleNotification, parseGoogleNotification, type HeaderBag } from '../providers/google/notifications.js';
import { meaningOfGraphNotification, parseGraphNotifications } from '../providers/microsoft/notifications.js';
import type { NotificationMeaning } from '../providers/provider.js';
import { requestSync } from './sync/schedule.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Longest channel id looked up, and most distinct subscriptions one Graph batch may make us look up. */
const MAX_CHANNEL_ID = 500;
const MAX_BATCH_CHANNELS = 100;

type ChannelRow = Awaited<ReturnType<typeof calendarByPushChannel>>;

function verify(deps: Deps, row: ChannelRow, secret: string | null): string | null {
  if (!secret || !row?.push_secret_enc || row.status === 'disconnected') return null;
  return timingSafeEqual(digest(deps.secrets.decrypt(row.push_secret_enc)), digest(secret)) ? row.id : null;
}

async function verifiedCalendar(deps: Deps, channelId: string, secret: string | null): Promise<string | null> {
  if (!secret || channelId.length > MAX_CHANNEL_ID) return null;
  return verify(deps, await calendarByPushChannel(deps.pool, channelId), secret);
}

async function act(deps: Deps, calendarId: string, meaning: NotificationMeaning, log: Logger): Promise<void> {
  switch (meaning.kind) {
    case 'ignore':
      return;
    case 'sync':
      await requestSync(deps.pool, calendarId, deps.config.SYNC_DEBOUNCE_MS);
      return;
    case 'missed':
      // Changes were dropped: the next incremental listing still holds them (delta state is server-side).
      await requestSync(deps.pool, calendarId);
      return;
    case 'resubscribe':
      // Removed or needing reauthorization: expire our record so the pass renews or re-creates it.
      log.info({ calendar_id: calendarId }, 'subscription lifecycle event; renewing');
      await updateCalendar(deps.pool, calendarId, { push_expires_at: new Date(0) });
      await requestSync(deps.pool, calendarId);
  }
}

/** Returns the HTTP status to answer: 200 accepted, 400 not a notification, 401 unknown channel or bad token. */
export async function receiveGoogleNotification(deps: Deps, headers: HeaderBag, log: Logger): Promise<number> {
  const n = parseGoogleNotification(headers);
  if (!n) return 400;
  const calendarId = await verifiedCalendar(deps, n.channelId, n.token);
  if (!calendarId) return 401;
  await act(deps, calendarId, meaningOfGoogleNotification(n), log);
  return 200;
}

/** Graph batches: 202 when at least one notification verified (or the batch was empty), else 401. */
export async function receiveGraphNotifications(deps: Deps, body: unknown, log: Logger): Promise<number> {
  const items = parseGraphNotifications(body);
  // One indexed query for the whole batch, so a forged batch of any size costs one lookup.
  const channels = [...new Set(items.filter((n) => n.clientState && n.subscriptionId.length <= MAX_CHANNEL_ID).map((n) => n.subscriptionId))].slice(0, MAX_BATCH_CHANNELS);
  const rows = new Map((await calendarsByPushChannels(deps.pool, channels)).map((r) => [r.push_channel_id, r]));
  let accepted = 0;
  const done = new Set<string>();
  for (const n of items) {
    const calendarId = verify(deps, rows.get(n.subscriptionId) ?? null, n.clientState);
    if (!calendarId) continue;
    accepted++;
    const meaning = meaningOfGraphNotification(n);
    const key = `${calendarId}:${meaning.kind}`;
    if (done.has(key)) continue;
    done.add(key);
    await act(deps, calendarId, meaning, log);
  }
  return accepted > 0 || items.length === 0 ? 202 : 401;
}
