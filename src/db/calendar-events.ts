// SQL for calendar_events. Sync writes go through upsertEvents/markEventsDeleted/markUnseenDeleted, which touch a
// row only when its provider-derived content really changed, and stamp every touched row with the batch's T.
import type { Cursor } from '../http/pagination.js';
import type { Queryable } from './pool.js';
import { keyset } from './keyset.js';

export interface CalendarEventRow {
  id: string;
  workspace_id: string;
  calendar_id: string;
  platform: 'google_calendar' | 'microsoft_outlook';
  platform_id: string;
  ical_uid: string | null;
  start_time: Date;
  end_time: Date;
  is_all_day: boolean;
  meeting_url: string | null;
  meeting_platform: string | null;
  raw: Record<string, unknown>;
  is_deleted: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface EventWrite {
  platformId: string;
  icalUid: string | null;
  startTime: Date;
  endTime: Date;
  isAllDay: boolean;
  meetingUrl: string | null;
  meetingPlatform: string | null;
  raw: Record<string, unknown>;
  contentHash: string;
}

const CHUNK = 500;

/**
 * Inserts new events and updates changed ones (content hash differs, or the row was deleted and reappears).
 * Returns the ids of the rows written; unchanged rows are not written at all.
 */
export async function upsertEvents(db: Queryable, workspaceId: string, calendarId: string, t: Date, events: EventWrite[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < events.length; i += CHUNK) {
    const chunk = events.slice(i, i + CHUNK);
    const r = await db.query<{ id: string }>(
      `INSERT INTO calendar_events AS e (workspace_id, calendar_id, platform_id, ical_uid, start_time, end_time, is_all_day,
                                         meeting_url, meeting_platform, raw, content_hash, is_deleted, created_at, updated_at)
       SELECT $1, $2, x.platform_id, x.ical_uid, x.start_time, x.end_time, x.is_all_day, x.meeting_url, x.meeting_platform,
              x.raw, x.content_hash, false, $3, $3
         FROM unnest($4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::boolean[], $9::text[], $10::text[], $11::jsonb[], $12::text[])
              AS x(platform_id, ical_uid, start_time, end_time, is_all_day, meeting_url, meeting_platform, raw, content_hash)
       ON CONFLICT (calendar_id, platform_id) DO UPDATE
          SET ical_uid = EXCLUDED.ical_uid, start_time = EXCLUDED.start_time, end_time = EXCLUDED.end_time,
              is_all_day = EXCLUDED.is_all_day, meeting_url = EXCLUDED.meeting_url, meeting_platform = EXCLUDED.meeting_platform,
              raw = EXCLUDED.raw, content_hash = EXCLUDED.content_hash, is_deleted = false, updated_at = $3
        WHERE e.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR e.is_deleted
       RETURNING e.id`,
      [
        workspaceId,
        calendarId,
        t,
        chunk.map((e) => e.platformId),
        chunk.map((e) => e.icalUid),
        chunk.map((e) => e.startTime),
        chunk.map((e) => e.endTime),
        chunk.map((e) => e.isAllDay),
        chunk.map((e) => e.meetingUrl),
        chunk.map((e) => e.meetingPlatform),
        chunk.map((e) => JSON.stringify(e.raw)),
        chunk.map((e) => e.contentHash),
      ],
    );
    for (const row of r.rows) ids.push(row.id);
  }
  return ids;
}

/** Marks the given provider ids deleted (keeping their last full raw). Returns the ids of rows that flipped. */
export async function markEventsDeleted(db: Queryable, calendarId: string, platformIds: string[], t: Date): Promise<string[]> {
  if (platformIds.length === 0) return [];
  const r = await db.query<{ id: string }>(
    `UPDATE calendar_events SET is_deleted = true, updated_at = $3
      WHERE calendar_id = $1 AND platform_id = ANY($2::text[]) AND NOT is_deleted RETURNING id`,
    [calendarId, platformIds, t],
  );
  return r.rows.map((row) => row.id);
}

/** After a full listing: live rows overlapping the window that the listing did not contain are deleted. */
export async function markUnseenDeleted(db: Queryable, calendarId: string, seen: string[], window: { start: Date; end: Date }, t: Date): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `UPDATE calendar_events SET is_deleted = true, updated_at = $5
      WHERE calendar_id = $1 AND NOT is_deleted AND end_time > $3 AND start_time < $4
        AND NOT (platform_id = ANY($2::text[]))
      RETURNING id`,
    [calendarId, seen, window.start, window.end, t],
  );
  return r.rows.map((row) => row.id);
}

const EVENT_COLUMNS = `e.id, e.workspace_id, e.calendar_id, c.platform, e.platform_id, e.ical_uid, e.start_time, e.end_time, e.is_all_day,
  e.meeting_url, e.meeting_platform, e.raw, e.is_deleted, e.created_at, e.updated_at`;

/** An event of a live calendar of the workspace. */
export async function getEvent(db: Queryable, workspaceId: string, id: string): Promise<CalendarEventRow | null> {
  const r = await db.query<CalendarEventRow>(
    `SELECT ${EVENT_COLUMNS} FROM calendar_events e JOIN calendars c ON c.id = e.calendar_id AND c.deleted_at IS NULL AND c.calendar_user_id IS NULL
      WHERE e.id = $1 AND e.workspace_id = $2`,
    [id, workspaceId],
  );
  return r.rows[0] ?? null;
}

export type EventOrdering = 'start_time' | 'updated_at' | 'created_at';

export interface EventFilters {
  calendarId?: string;
  icalUidPrefix?: string;
  isDeleted?: boolean;
  startTime?: Date;
  startTimeGte?: Date;
  startTimeLte?: Date;
  updatedAtGte?: Date;
  ordering: EventOrdering;
  descending: boolean;
}

const likePrefix = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`) + '%';

/**
 * One keyset page. The scope column (calendar or workspace) plus the ordering column and id match an index, so
 * the page is an index range scan; the join to calendars only drops deleted calendars (one PK probe per row).
 */
export async function listEvents(db: Queryable, workspaceId: string, f: EventFilters, cursor: Cursor | null, limit: number): Promise<CalendarEventRow[]> {
  const values: unknown[] = [workspaceId];
  const where = ['e.workspace_id = $1'];
  if (f.calendarId) where.push(`e.calendar_id = $${values.push(f.calendarId)}`);
  if (f.icalUidPrefix !== undefined) where.push(`e.ical_uid LIKE $${values.push(likePrefix(f.icalUidPrefix))}`);
  if (f.isDeleted !== undefined) where.push(`e.is_deleted = $${values.push(f.isDeleted)}`);
  if (f.startTime) where.push(`e.start_time = $${values.push(f.startTime)}`);
  if (f.startTimeGte) where.push(`e.start_time >= $${values.push(f.startTimeGte)}`);
  if (f.startTimeLte) where.push(`e.start_time <= $${values.push(f.startTimeLte)}`);
  if (f.updatedAtGte) where.push(`e.updated_at >= $${values.push(f.updatedAtGte)}`);
  const ks = keyset(cursor, [{ expr: `e.${f.ordering}`, type: 'timestamptz', desc: f.descending }, { expr: 'e.id', type: 'uuid', desc: f.descending }], values.length + 1);
  values.push(...ks.values);
  const r = await db.query<CalendarEventRow>(
    `SELECT ${EVENT_COLUMNS} FROM calendar_events e JOIN calendars c ON c.id = e.calendar_id AND c.deleted_at IS NULL AND c.calendar_user_id IS NULL
      WHERE ${where.join(' AND ')} AND ${ks.where} ORDER BY ${ks.orderBy} LIMIT ${Math.floor(limit)}`,
    values,
  );
  return r.rows;
}

/** The live (not deleted) events of a calendar that start after `after` (for unscheduling on calendar delete). */
export async function futureEventIds(db: Queryable, calendarId: string, after: Date): Promise<string[]> {
  const r = await db.query<{ id: string }>('SELECT id FROM calendar_events WHERE calendar_id = $1 AND end_time > $2', [calendarId, after]);
  return r.rows.map((row) => row.id);
}

/** Retention: events that ended more than `days` ago. */
export async function purgeOldEvents(db: Queryable, days: number, batch = 5000): Promise<number> {
  const r = await db.query(
    `DELETE FROM calendar_events WHERE id IN (
       SELECT id FROM calendar_events WHERE end_time < now() - make_interval(days => $1) LIMIT $2)`,
    [days, batch],
  );
  return r.rowCount ?? 0;
}

/** A calendar's current events as (platform_id, content_hash, is_deleted), for comparisons in tests and tools. */
export async function eventFingerprints(db: Queryable, calendarId: string): Promise<{ platform_id: string; content_hash: string; is_deleted: boolean }[]> {
  const r = await db.query('SELECT platform_id, content_hash, is_deleted FROM calendar_events WHERE calendar_id = $1 ORDER BY platform_id', [calendarId]);
  return r.rows;
}
