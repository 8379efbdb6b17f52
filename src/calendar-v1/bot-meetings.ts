// The Bot object's `calendar_meetings` (api-contract §5.2, the V1 FAQ's "linking bots to calendar users"): the
// V1 meetings each bot serves, with the meeting's calendar user and its external_id. One query per page of bots.
import { calendarMeetingsOfBots } from '../db/calendar-meetings.js';
import type { Queryable } from '../db/pool.js';
import { restDate } from '../http/format.js';
import type { CalendarMeetingRef } from '../scheduling/render-bot.js';

export async function calendarMeetingsForBots(db: Queryable, botIds: string[]): Promise<Map<string, CalendarMeetingRef[]>> {
  const out = new Map<string, CalendarMeetingRef[]>();
  for (const r of await calendarMeetingsOfBots(db, botIds)) {
    const list = out.get(r.bot_id) ?? [];
    list.push({ id: r.id, start_time: restDate(r.start_time)!, end_time: restDate(r.end_time)!, calendar_user: { id: r.user_id, external_id: r.external_id } });
    out.set(r.bot_id, list);
  }
  return out;
}
