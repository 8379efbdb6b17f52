// V1 meetings: the calendar events of a user's V1 connections, with the per-meeting state
// (calendar_meeting_states) and the bot attached to each.
import type { Queryable } from './pool.js';

export interface MeetingRow {
  id: string;
  workspace_id: string;
  calendar_id: string;
  calendar_user_id: string;
  calendar_platform: 'google_calendar' | 'microsoft_outlook';
  connection_email: string | null;
  platform_id: string;
  ical_uid: string | null;
  start_time: Date;
  end_time: Date;
  is_all_day: boolean;
  is_deleted: boolean;
  meeting_url: string | null;
  meeting_platform: string | null;
  raw: Record<string, unknown>;
  override_should_record: boolean | null;
  bot_key: string | null;
  /** The most recently created bot attached to the meeting (any phase), or null. */
  bot_id: string | null;
}

const SELECT = `
  SELECT e.id, e.workspace_id, e.calendar_id, c.calendar_user_id, c.platform AS calendar_platform,
         coalesce(c.platform_email, c.oauth_email) AS connection_email,
         e.platform_id, e.ical_uid, e.start_time, e.end_time, e.is_all_day, e.is_deleted, e.meeting_url, e.meeting_platform, e.raw,
         s.override_should_record, s.bot_key,
         (SELECT a.bot_id FROM bot_attachments a JOIN bots b ON b.id = a.bot_id
           WHERE a.meeting_id = e.id ORDER BY b.created_at DESC, b.id DESC LIMIT 1) AS bot_id
    FROM calendar_events e
    JOIN calendars c ON c.id = e.calendar_id AND c.deleted_at IS NULL AND c.calendar_user_id IS NOT NULL
    LEFT JOIN calendar_meeting_states s ON s.event_id = e.id`;

export interface MeetingFilter {
  icalUidPrefix?: string;
  startAfter?: Date;
  startBefore?: Date;
  windowPastDays: number;
  windowFutureDays: number;
}

/** The user's listable meetings (in the window, not deleted or cancelled), by start_time then id. */
export async function listMeetings(db: Queryable, userId: string, f: MeetingFilter): Promise<MeetingRow[]> {
  const r = await db.query<MeetingRow>(
    `${SELECT}
      WHERE c.calendar_user_id = $1 AND NOT e.is_deleted
        AND e.end_time >= now() - make_interval(days => $2) AND e.start_time <= now() + make_interval(days => $3)
        AND ($4::text IS NULL OR left(e.ical_uid, length($4)) = $4)
        AND ($5::timestamptz IS NULL OR e.start_time >= $5)
        AND ($6::timestamptz IS NULL OR e.start_time <= $6)
      ORDER BY e.start_time, e.id`,
    [userId, f.windowPastDays, f.windowFutureDays, f.icalUidPrefix ?? null, f.startAfter ?? null, f.startBefore ?? null],
  );
  return r.rows;
}

export async function findMeeting(db: Queryable, userId: string, eventId: string): Promise<MeetingRow | null> {
  const r = await db.query<MeetingRow>(`${SELECT} WHERE c.calendar_user_id = $1 AND e.id = $2`, [userId, eventId]);
  return r.rows[0] ?? null;
}

/** Meetings of V1 calendars to re-evaluate: the given events, or every not-yet-ended one of the user/calendar. */
export async function meetingsToEvaluate(db: Queryable, by: { calendarId?: string; userId?: string; eventIds?: string[] }): Promise<MeetingRow[]> {
  const r = await db.query<MeetingRow>(
    `${SELECT}
      WHERE ($1::uuid IS NULL OR e.calendar_id = $1) AND ($2::uuid IS NULL OR c.calendar_user_id = $2)
        AND ($3::uuid[] IS NULL OR e.id = ANY($3::uuid[]))
        AND ($3::uuid[] IS NOT NULL OR e.end_time > now())
      ORDER BY e.start_time, e.id`,
    [by.calendarId ?? null, by.userId ?? null, by.eventIds ?? null],
  );
  return r.rows;
}

export async function setOverride(db: Queryable, eventId: string, userId: string, value: boolean | null): Promise<void> {
  await db.query(
    `INSERT INTO calendar_meeting_states (event_id, calendar_user_id, override_should_record) VALUES ($1, $2, $3)
     ON CONFLICT (event_id) DO UPDATE SET override_should_record = EXCLUDED.override_should_record, updated_at = date_trunc('milliseconds', now())`,
    [eventId, userId, value],
  );
}

export async function setBotKey(db: Queryable, eventId: string, userId: string, key: string | null): Promise<void> {
  await db.query(
    `INSERT INTO calendar_meeting_states (event_id, calendar_user_id, bot_key) VALUES ($1, $2, $3)
     ON CONFLICT (event_id) DO UPDATE SET bot_key = EXCLUDED.bot_key, updated_at = date_trunc('milliseconds', now())`,
    [eventId, userId, key],
  );
}

/** Which V1 calendar (and user) an event id belongs to; null for V2 calendars. */
export async function v1CalendarOf(db: Queryable, calendarId: string): Promise<{ calendar_user_id: string; workspace_id: string } | null> {
  const r = await db.query('SELECT calendar_user_id, workspace_id FROM calendars WHERE id = $1 AND calendar_user_id IS NOT NULL', [calendarId]);
  return r.rows[0] ?? null;
}

/** The V1 meetings a bot serves, with their users, for the Bot object's `calendar_meetings`. */
export async function calendarMeetingsOfBots(
  db: Queryable,
  botIds: string[],
): Promise<{ bot_id: string; id: string; start_time: Date; end_time: Date; user_id: string; external_id: string }[]> {
  if (botIds.length === 0) return [];
  const r = await db.query(
    `SELECT a.bot_id, e.id, e.start_time, e.end_time, u.id AS user_id, u.external_id
       FROM bot_attachments a
       JOIN calendar_events e ON e.id = a.meeting_id
       JOIN calendars c ON c.id = e.calendar_id
       JOIN calendar_users u ON u.id = c.calendar_user_id
      WHERE a.bot_id = ANY($1::uuid[]) ORDER BY a.id`,
    [botIds],
  );
  return r.rows;
}

/** Every attachment (meeting or event) of a bot, oldest first: who shares it, and who created it. */
export async function attachmentsOfBot(db: Queryable, botId: string): Promise<{ meeting_id: string | null; event_id: string | null }[]> {
  const r = await db.query('SELECT meeting_id, event_id FROM bot_attachments WHERE bot_id = $1 ORDER BY id', [botId]);
  return r.rows;
}

/** A V1 meeting moved: its own scheduled bot takes the new deduplication key (so the bot id survives the move). */
export async function rekeyScheduledBot(db: Queryable, botId: string, key: string): Promise<void> {
  await db.query(`UPDATE bots SET deduplication_key = $2, updated_at = date_trunc('milliseconds', now()) WHERE id = $1 AND phase = 'scheduled'`, [botId, key]);
  await db.query('UPDATE bot_attachments SET deduplication_key = $2 WHERE bot_id = $1', [botId, key]);
}

/** Meeting ids of a calendar that have a scheduled bot attached. */
export async function meetingsWithScheduledBots(db: Queryable, calendarId: string): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `SELECT DISTINCT e.id FROM calendar_events e JOIN bot_attachments a ON a.meeting_id = e.id JOIN bots b ON b.id = a.bot_id
      WHERE e.calendar_id = $1 AND b.phase = 'scheduled'`,
    [calendarId],
  );
  return r.rows.map((x) => x.id);
}
