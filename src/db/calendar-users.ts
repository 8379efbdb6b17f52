// calendar_users: V1 calendar users and their recording preferences, plus the V1 connections (calendars rows
// with calendar_user_id set) as the user object shows them.
import type { Cursor } from '../http/pagination.js';
import { keyset } from './keyset.js';
import type { Queryable } from './pool.js';

export const PREFERENCE_FLAGS = ['record_non_host', 'record_recurring', 'record_external', 'record_internal', 'record_confirmed', 'record_only_host'] as const;
export type PreferenceFlag = (typeof PREFERENCE_FLAGS)[number];

export type Preferences = Record<PreferenceFlag, boolean> & { bot_name: string };

export interface CalendarUserRow extends Preferences {
  id: string;
  workspace_id: string;
  external_id: string;
  preferences_id: string;
  created_at: Date;
  updated_at: Date;
}

export interface ConnectionRow {
  calendar_id: string;
  calendar_user_id: string;
  platform: 'google_calendar' | 'microsoft_outlook';
  status: 'connecting' | 'connected' | 'disconnected';
  email: string | null;
}

/** Returns the user with this external id, creating it (default preferences) when missing. */
export async function upsertCalendarUser(db: Queryable, workspaceId: string, externalId: string): Promise<CalendarUserRow> {
  // A concurrent first insert can hide the row from this statement's snapshot: the second try sees it.
  for (let attempt = 0; ; attempt++) {
    const r = await db.query<CalendarUserRow>(
      `WITH ins AS (
         INSERT INTO calendar_users (workspace_id, external_id) VALUES ($1, $2)
         ON CONFLICT (workspace_id, external_id) DO NOTHING RETURNING *)
       SELECT * FROM ins UNION ALL SELECT * FROM calendar_users WHERE workspace_id = $1 AND external_id = $2`,
      [workspaceId, externalId],
    );
    if (r.rows[0] || attempt > 0) return r.rows[0];
  }
}

export async function findCalendarUser(db: Queryable, workspaceId: string, id: string): Promise<CalendarUserRow | null> {
  const r = await db.query<CalendarUserRow>('SELECT * FROM calendar_users WHERE workspace_id = $1 AND id = $2', [workspaceId, id]);
  return r.rows[0] ?? null;
}

export async function lockCalendarUser(db: Queryable, workspaceId: string, id: string): Promise<CalendarUserRow | null> {
  const r = await db.query<CalendarUserRow>('SELECT * FROM calendar_users WHERE workspace_id = $1 AND id = $2 FOR UPDATE', [workspaceId, id]);
  return r.rows[0] ?? null;
}

export async function findCalendarUserById(db: Queryable, id: string): Promise<CalendarUserRow | null> {
  const r = await db.query<CalendarUserRow>('SELECT * FROM calendar_users WHERE id = $1', [id]);
  return r.rows[0] ?? null;
}

/** Writes the given fields; returns null when another user of the workspace already has `external_id`. */
export async function updateCalendarUser(
  db: Queryable,
  id: string,
  patch: Partial<Preferences> & { external_id?: string },
): Promise<CalendarUserRow | 'external_id_taken'> {
  const cols = Object.keys(patch).filter((k) => k === 'external_id' || k === 'bot_name' || (PREFERENCE_FLAGS as readonly string[]).includes(k));
  if (cols.length === 0) {
    const r = await db.query<CalendarUserRow>('SELECT * FROM calendar_users WHERE id = $1', [id]);
    return r.rows[0];
  }
  const sets = cols.map((c, i) => `${c} = $${i + 2}`).join(', ');
  try {
    const r = await db.query<CalendarUserRow>(
      `UPDATE calendar_users SET ${sets}, updated_at = date_trunc('milliseconds', now()) WHERE id = $1 RETURNING *`,
      [id, ...cols.map((c) => (patch as Record<string, unknown>)[c])],
    );
    return r.rows[0];
  } catch (err) {
    if ((err as { code?: string; constraint?: string }).constraint === 'calendar_users_external_key') return 'external_id_taken';
    throw err;
  }
}

export async function deleteCalendarUser(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM calendar_users WHERE id = $1', [id]);
}

/** A keyset page (or everything when limit is null) of the workspace's users, by creation. */
export async function listCalendarUsers(
  db: Queryable,
  workspaceId: string,
  opts: { email?: string; cursor?: Cursor | null; limit?: number | null },
): Promise<CalendarUserRow[]> {
  const ks = keyset(opts.cursor ?? null, [{ expr: 'u.created_at', type: 'timestamptz' }, { expr: 'u.id', type: 'uuid' }], 4);
  const r = await db.query<CalendarUserRow>(
    `SELECT u.* FROM calendar_users u
      WHERE u.workspace_id = $1
        AND ($2::text IS NULL OR EXISTS (
              SELECT 1 FROM calendars c WHERE c.calendar_user_id = u.id AND c.deleted_at IS NULL
                 AND lower(coalesce(c.platform_email, c.oauth_email)) = lower($2)))
        AND ${ks.where}
      ORDER BY ${ks.orderBy} LIMIT $3`,
    [workspaceId, opts.email ?? null, opts.limit ?? null, ...ks.values],
  );
  return r.rows;
}

/** The live V1 connections of these users. */
export async function connectionsOf(db: Queryable, userIds: string[]): Promise<ConnectionRow[]> {
  if (userIds.length === 0) return [];
  const r = await db.query<ConnectionRow>(
    `SELECT id AS calendar_id, calendar_user_id, platform, status, coalesce(platform_email, oauth_email) AS email
       FROM calendars WHERE calendar_user_id = ANY($1::uuid[]) AND deleted_at IS NULL ORDER BY created_at`,
    [userIds],
  );
  return r.rows;
}
