// The one place the calendar code reaches the scheduling module (src/scheduling/event-bots.ts): the bots shown on
// events (one query per page), and unscheduling when events are deleted or calendars disconnect or go away.
import type { Queryable } from '../db/pool.js';
import { eventBotViews, unscheduleCalendarBots, unscheduleEventBots, type EventBotView, type EventForBots } from '../scheduling/event-bots.js';

export type { EventBotView, EventForBots } from '../scheduling/event-bots.js';

/** Bots per event id for one page of events (one query in the scheduling module, not one per event). */
export async function botViews(db: Queryable, events: EventForBots[]): Promise<Map<string, EventBotView>> {
  if (events.length === 0) return new Map();
  return eventBotViews(db, events);
}

export async function unscheduleEvents(db: Queryable, eventIds: string[]): Promise<void> {
  if (eventIds.length > 0) await unscheduleEventBots(db, eventIds);
}

export async function unscheduleCalendar(db: Queryable, calendarId: string): Promise<void> {
  await unscheduleCalendarBots(db, calendarId);
}
