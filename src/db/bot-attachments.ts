// bot_attachments (which V2 events / V1 meetings a bot serves) and event_bot_notes (why an event has no bot).
import type { Queryable } from './pool.js';

export interface AttachTarget {
  eventId?: string;
  meetingId?: string;
}

export async function attachBot(db: Queryable, workspaceId: string, botId: string, target: AttachTarget, dedupKey: string | null): Promise<void> {
  const conflict = target.eventId ? '(event_id, bot_id) WHERE event_id IS NOT NULL' : '(meeting_id, bot_id) WHERE meeting_id IS NOT NULL';
  await db.query(
    `INSERT INTO bot_attachments (bot_id, workspace_id, event_id, meeting_id, deduplication_key) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ${conflict} DO UPDATE SET deduplication_key = EXCLUDED.deduplication_key`,
    [botId, workspaceId, target.eventId ?? null, target.meetingId ?? null, dedupKey],
  );
}

/** Scheduled bots attached to the target, with their keys. */
export async function scheduledAttachments(db: Queryable, target: AttachTarget): Promise<{ bot_id: string; deduplication_key: string | null }[]> {
  const col = target.eventId ? 'event_id' : 'meeting_id';
  const r = await db.query(
    `SELECT a.bot_id, a.deduplication_key FROM bot_attachments a JOIN bots b ON b.id = a.bot_id
      WHERE a.${col} = $1 AND b.phase = 'scheduled' ORDER BY a.id`,
    [target.eventId ?? target.meetingId],
  );
  return r.rows;
}

/** Detaches the given bots from the target. */
export async function detachBots(db: Queryable, target: AttachTarget, botIds: string[]): Promise<void> {
  if (botIds.length === 0) return;
  const col = target.eventId ? 'event_id' : 'meeting_id';
  await db.query(`DELETE FROM bot_attachments WHERE ${col} = $1 AND bot_id = ANY($2::uuid[])`, [target.eventId ?? target.meetingId, botIds]);
}

/** Detaches every scheduled bot from these events; returns the affected bot ids. */
export async function detachScheduledFromEvents(db: Queryable, eventIds: string[]): Promise<string[]> {
  if (eventIds.length === 0) return [];
  const r = await db.query<{ bot_id: string }>(
    `DELETE FROM bot_attachments a USING bots b
      WHERE a.event_id = ANY($1::uuid[]) AND b.id = a.bot_id AND b.phase = 'scheduled'
     RETURNING a.bot_id`,
    [eventIds],
  );
  return [...new Set(r.rows.map((x) => x.bot_id))];
}

/** Detaches every scheduled bot from a calendar's events; returns the affected bot ids. */
export async function detachScheduledFromCalendar(db: Queryable, calendarId: string): Promise<string[]> {
  const r = await db.query<{ bot_id: string }>(
    `DELETE FROM bot_attachments a USING bots b, calendar_events e
      WHERE e.calendar_id = $1 AND (a.event_id = e.id OR a.meeting_id = e.id) AND b.id = a.bot_id AND b.phase = 'scheduled'
     RETURNING a.bot_id`,
    [calendarId],
  );
  return [...new Set(r.rows.map((x) => x.bot_id))];
}

/** Of these bots, the ones nothing is attached to any more. */
export async function unattachedBots(db: Queryable, botIds: string[]): Promise<string[]> {
  if (botIds.length === 0) return [];
  const r = await db.query<{ id: string }>(
    `SELECT b.id FROM unnest($1::uuid[]) AS b(id) WHERE NOT EXISTS (SELECT 1 FROM bot_attachments a WHERE a.bot_id = b.id)`,
    [botIds],
  );
  return r.rows.map((x) => x.id);
}

export async function setEventNotes(db: Queryable, eventIds: string[], reason: string): Promise<void> {
  if (eventIds.length === 0) return;
  await db.query(
    `INSERT INTO event_bot_notes (event_id, reason) SELECT unnest($1::uuid[]), $2
     ON CONFLICT (event_id) DO UPDATE SET reason = EXCLUDED.reason, created_at = date_trunc('milliseconds', now())`,
    [eventIds, reason],
  );
}

export async function clearEventNote(db: Queryable, eventId: string): Promise<void> {
  await db.query('DELETE FROM event_bot_notes WHERE event_id = $1', [eventId]);
}

export interface EventBotRow {
  event_id: string;
  calendar_status: string | null;
  note: string | null;
  /** [{bot_id, join_at_ms, deduplication_key, meeting_url}] ordered by join_at. */
  bots: { bot_id: string; join_at_ms: number; deduplication_key: string | null; meeting_url: string }[];
}

/** The bots of a page of events, their calendars' status and the stored notes: one query for the whole page. */
export async function eventBotRows(db: Queryable, eventIds: string[], calendarIds: string[]): Promise<EventBotRow[]> {
  if (eventIds.length === 0) return [];
  const r = await db.query<EventBotRow>(
    `SELECT ev.event_id, c.status AS calendar_status, n.reason AS note,
            coalesce((SELECT json_agg(json_build_object('bot_id', b.id, 'join_at_ms', (extract(epoch FROM b.join_at) * 1000)::bigint,
                                                         'deduplication_key', a.deduplication_key, 'meeting_url', b.meeting_url)
                                      ORDER BY b.join_at, b.id)
                        FROM bot_attachments a JOIN bots b ON b.id = a.bot_id
                       WHERE a.event_id = ev.event_id), '[]'::json) AS bots
       FROM unnest($1::uuid[], $2::uuid[]) AS ev(event_id, calendar_id)
       LEFT JOIN calendars c ON c.id = ev.calendar_id
       LEFT JOIN event_bot_notes n ON n.event_id = ev.event_id`,
    [eventIds, calendarIds],
  );
  return r.rows;
}

/** Scheduled bots attached to these events (or to any event of a calendar), with their keys. */
export async function scheduledBotsOf(
  db: Queryable,
  by: { eventIds: string[] } | { calendarId: string },
): Promise<{ bot_id: string; workspace_id: string; deduplication_key: string | null }[]> {
  const r =
    'eventIds' in by
      ? await db.query(
          `SELECT DISTINCT b.id AS bot_id, b.workspace_id, b.deduplication_key FROM bot_attachments a JOIN bots b ON b.id = a.bot_id
            WHERE a.event_id = ANY($1::uuid[]) AND b.phase = 'scheduled'`,
          [by.eventIds],
        )
      : await db.query(
          `SELECT DISTINCT b.id AS bot_id, b.workspace_id, b.deduplication_key
             FROM calendar_events e JOIN bot_attachments a ON (a.event_id = e.id OR a.meeting_id = e.id) JOIN bots b ON b.id = a.bot_id
            WHERE e.calendar_id = $1 AND b.phase = 'scheduled'`,
          [by.calendarId],
        );
  return r.rows;
}

/** The V2 events a bot is attached to. */
export async function eventIdsOfBot(db: Queryable, botId: string): Promise<string[]> {
  const r = await db.query<{ event_id: string }>('SELECT event_id FROM bot_attachments WHERE bot_id = $1 AND event_id IS NOT NULL', [botId]);
  return r.rows.map((x) => x.event_id);
}
