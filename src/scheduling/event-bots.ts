// What the calendar-events code needs from scheduling: the `bots` list and the "why not" reason of a page of
// events (one query per page), and automatic unscheduling (api-contract §4.8) inside the caller's transaction.
import { detachScheduledFromCalendar, detachScheduledFromEvents, eventBotRows, scheduledBotsOf, setEventNotes } from '../db/bot-attachments.js';
import type { Queryable } from '../db/pool.js';
import { lockDedupKeys } from '../db/scheduling-locks.js';
import { restDate } from '../http/format.js';
import { deleteIfUnused } from './shared-bots.js';

export interface BotEntry {
  bot_id: string;
  /** The bot's join_at (REST date string). */
  start_time: string;
  deduplication_key: string | null;
  meeting_url: string;
}

/**
 * Why an event has no bot (docs/bots.md "Why not?"), checked in this order:
 * - `deleted`: the event is deleted or cancelled;
 * - `calendar_disconnected`: its calendar is disconnected (bots were unscheduled);
 * - `no_meeting_url`: no supported meeting link;
 * - `ended`: the event is over;
 * - `runtime_capacity`: the last add wanted an immediate join and the bot runtime had no capacity (507);
 * - `unscheduled`: the client removed the bot (`DELETE …/bot/`);
 * - `bot_deleted`: the bot was deleted through the Bot API;
 * - `not_scheduled`: no bot was ever requested for it.
 */
export type NoBotReason =
  | 'deleted'
  | 'calendar_disconnected'
  | 'no_meeting_url'
  | 'ended'
  | 'runtime_capacity'
  | 'unscheduled'
  | 'bot_deleted'
  | 'not_scheduled';

export const NO_BOT_REASONS: readonly NoBotReason[] = [
  'deleted', 'calendar_disconnected', 'no_meeting_url', 'ended', 'runtime_capacity', 'unscheduled', 'bot_deleted', 'not_scheduled',
];

export interface EventForBots {
  id: string;
  calendar_id: string;
  start_time: Date;
  end_time: Date;
  meeting_url: string | null;
  is_deleted: boolean;
}

export interface EventBotView {
  bots: BotEntry[];
  no_bot_reason: NoBotReason | null;
}

function reasonFor(e: EventForBots, calendarStatus: string | null, note: string | null, now: number): NoBotReason {
  if (e.is_deleted) return 'deleted';
  if (calendarStatus === 'disconnected') return 'calendar_disconnected';
  if (!e.meeting_url) return 'no_meeting_url';
  if (e.end_time.getTime() <= now) return 'ended';
  if (note && (NO_BOT_REASONS as readonly string[]).includes(note)) return note as NoBotReason;
  return 'not_scheduled';
}

/** The `bots` list and no-bot reason of every event of a page, from one query. */
export async function eventBotViews(db: Queryable, events: EventForBots[]): Promise<Map<string, EventBotView>> {
  const rows = await eventBotRows(db, events.map((e) => e.id), events.map((e) => e.calendar_id));
  const byId = new Map(rows.map((r) => [r.event_id, r]));
  const now = Date.now();
  const out = new Map<string, EventBotView>();
  for (const e of events) {
    const row = byId.get(e.id);
    const bots: BotEntry[] = (row?.bots ?? []).map((b) => ({
      bot_id: b.bot_id,
      start_time: restDate(new Date(Number(b.join_at_ms)))!,
      deduplication_key: b.deduplication_key,
      meeting_url: b.meeting_url,
    }));
    out.set(e.id, { bots, no_bot_reason: bots.length ? null : reasonFor(e, row?.calendar_status ?? null, row?.note ?? null, now) });
  }
  return out;
}

/**
 * Automatic unscheduling for events that became deleted (or left the window): detaches their scheduled bots and
 * deletes those no other event or meeting uses. Dispatched bots stay attached. Call it in the transaction that
 * marks the events, after the event rows were written. Returns the ids of the deleted bots.
 */
export async function unscheduleEventBots(db: Queryable, eventIds: string[]): Promise<string[]> {
  if (eventIds.length === 0) return [];
  const bots = await scheduledBotsOf(db, { eventIds });
  if (bots.length === 0) return [];
  await lockKeysOf(db, bots);
  const detached = await detachScheduledFromEvents(db, eventIds);
  return deleteIfUnused(db, detached);
}

/**
 * Automatic unscheduling for a calendar that became disconnected or is being deleted: every scheduled bot of its
 * events is detached, and deleted when unused. Returns the ids of the deleted bots.
 */
export async function unscheduleCalendarBots(db: Queryable, calendarId: string): Promise<string[]> {
  const bots = await scheduledBotsOf(db, { calendarId });
  if (bots.length === 0) return [];
  await lockKeysOf(db, bots);
  const detached = await detachScheduledFromCalendar(db, calendarId);
  return deleteIfUnused(db, detached);
}

async function lockKeysOf(db: Queryable, bots: { workspace_id: string; deduplication_key: string | null }[]): Promise<void> {
  const byWorkspace = new Map<string, string[]>();
  for (const b of bots) if (b.deduplication_key !== null) byWorkspace.set(b.workspace_id, [...(byWorkspace.get(b.workspace_id) ?? []), b.deduplication_key]);
  for (const [ws, keys] of [...byWorkspace].sort(([a], [b]) => a.localeCompare(b))) await lockDedupKeys(db, ws, keys);
}

/** Records why an event has no bot after a scheduling outcome (see NoBotReason). */
export async function noteEvents(db: Queryable, eventIds: string[], reason: NoBotReason): Promise<void> {
  await setEventNotes(db, eventIds, reason);
}
