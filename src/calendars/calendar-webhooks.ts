// The two calendar webhooks (api-contract §6.1), written to the outbox inside the caller's transaction. V1
// connections (calendar_user_id set) send none (api-contract §3.8, §6.1).
import type { CalendarRow } from '../db/calendars.js';
import type { Queryable } from '../db/pool.js';
import { webhookDate } from '../http/format.js';
import { emitWebhook } from '../webhooks/emit.js';

type CalendarRef = Pick<CalendarRow, 'id' | 'workspace_id' | 'webhook_url' | 'calendar_user_id'>;

export async function emitCalendarUpdate(db: Queryable, cal: CalendarRef): Promise<void> {
  if (cal.calendar_user_id) return;
  await emitWebhook(db, { workspaceId: cal.workspace_id, event: 'calendar.update', data: { calendar_id: cal.id }, calendarId: cal.id, calendarWebhookUrl: cal.webhook_url });
}

export async function emitSyncEvents(db: Queryable, cal: CalendarRef, lastUpdated: Date): Promise<void> {
  if (cal.calendar_user_id) return;
  await emitWebhook(db, {
    workspaceId: cal.workspace_id,
    event: 'calendar.sync_events',
    data: { calendar_id: cal.id, last_updated_ts: webhookDate(lastUpdated) },
    calendarId: cal.id,
    calendarWebhookUrl: cal.webhook_url,
  });
}
