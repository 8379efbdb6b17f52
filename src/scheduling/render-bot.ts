// The Bot object on the wire (api-contract §5.2).
import type { BotRow, StatusChangeRow } from '../db/bots.js';
import { restDate } from '../http/format.js';
import { DEFAULT_AUTOMATIC_LEAVE, PASSTHROUGH_FIELDS, meetingUrlObject } from './bot-config.js';

export interface CalendarMeetingRef {
  id: string;
  start_time: string;
  end_time: string;
  calendar_user: { id: string; external_id: string | null };
}

export function renderBot(row: BotRow, changes: StatusChangeRow[], calendarMeetings: CalendarMeetingRef[] = []) {
  const passthrough: Record<string, unknown> = {};
  for (const f of PASSTHROUGH_FIELDS) passthrough[f] = row.config[f] ?? null;
  if (passthrough.automatic_leave === null) passthrough.automatic_leave = DEFAULT_AUTOMATIC_LEAVE;
  return {
    // Fields the runtime may understand beyond the documented ones are echoed as given.
    ...row.config,
    id: row.id,
    meeting_url: meetingUrlObject(row),
    bot_name: row.bot_name,
    join_at: restDate(row.join_at),
    ...passthrough,
    metadata: row.metadata,
    status_changes: changes.map((c) => ({ code: c.code, message: c.message, sub_code: c.sub_code, created_at: restDate(c.created_at)! })),
    recordings: [],
    calendar_meetings: calendarMeetings,
  };
}
