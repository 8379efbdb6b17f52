// The outbox entry point: every webhook rollcall sends starts here, inside the transaction of the change it
// reports, so a committed change always has its message and a rolled-back one never does.
import type { Queryable } from '../db/pool.js';
import { insertEndpointDeliveries, insertUrlDelivery } from '../db/webhook-deliveries.js';
import { insertMessage } from '../db/webhook-messages.js';
import { scheduleDeliveryJob } from './delivery-job.js';
import { isCalendarEvent, isEventType } from './event-types.js';
import { newMessageId } from './message-id.js';
import { sameUrl } from './urls.js';

export interface WebhookMessageInput {
  workspaceId: string;
  event: string;
  data: Record<string, unknown>;
  calendarId?: string | null;
  /** A V2 calendar's own `webhook_url`; receives the calendar.* messages too (§6.3). */
  calendarWebhookUrl?: string | null;
}

/** Records one webhook message in the caller's transaction and fans it out to matching endpoints (and the calendar's webhook_url) as deliveries with their jobs. */
export async function emitWebhook(db: Queryable, msg: WebhookMessageInput): Promise<void> {
  await emitWebhookMessage(db, msg);
}

/** emitWebhook, returning the message id (`msg_…`). */
export async function emitWebhookMessage(db: Queryable, msg: WebhookMessageInput): Promise<string> {
  if (!isEventType(msg.event)) throw new Error(`unknown webhook event type "${msg.event}" (add it to src/webhooks/event-types.ts)`);
  const id = newMessageId();
  // Compact JSON with exactly these two keys, in this order; stored verbatim so every attempt sends the same bytes.
  const body = JSON.stringify({ event: msg.event, data: msg.data });
  await insertMessage(db, { id, workspaceId: msg.workspaceId, event: msg.event, body, calendarId: msg.calendarId ?? null });
  const deliveries = await insertEndpointDeliveries(db, id, msg.workspaceId, msg.event);
  const calendarUrl = msg.calendarWebhookUrl;
  // Same URL as an endpoint that already gets this message → delivered once (rollcall decision, §6.3).
  if (calendarUrl && isCalendarEvent(msg.event) && !deliveries.some((d) => sameUrl(d.url, calendarUrl))) {
    deliveries.push(await insertUrlDelivery(db, id, msg.workspaceId, calendarUrl));
  }
  for (const d of deliveries) await scheduleDeliveryJob(db, d);
  return id;
}
