// SQL for the calendars table (V2 calendars). Credentials and tokens arrive here already encrypted.
import type { Cursor } from '../http/pagination.js';
import type { Queryable } from './pool.js';
import { keyset } from './keyset.js';

export type CalendarStatus = 'connecting' | 'connected' | 'disconnected';

export interface StatusChange {
  status: CalendarStatus;
  created_at: string;
  error_code: string | null;
  error_message: string | null;
}

export interface CalendarRow {
  id: string;
  workspace_id: string;
  calendar_user_id: string | null;
  platform: 'google_calendar' | 'microsoft_outlook';
  oauth_client_id_enc: string;
  oauth_client_secret_enc: string;
  oauth_refresh_token_enc: string;
  oauth_email: string | null;
  webhook_url: string | null;
  platform_email: string | null;
  status: CalendarStatus;
  status_changes: StatusChange[];
  credentials_version: number;
  access_token_enc: string | null;
  access_token_expires_at: Date | null;
  sync_state: string | null;
  sync_window_start: Date | null;
  sync_window_end: Date | null;
  last_events_ts: Date | null;
  push_channel_id: string | null;
  push_resource_id: string | null;
  push_secret_enc: string | null;
  push_expires_at: Date | null;
  last_sync_at: Date | null;
  last_full_sync_at: Date | null;
  last_sync_error: string | null;
  last_sync_error_at: Date | null;
  next_sync_at: Date | null;
  backoff_until: Date | null;
  consecutive_failures: number;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Columns a caller may set through updateCalendar. */
export type CalendarPatch = Partial<
  Pick<
    CalendarRow,
    | 'oauth_client_id_enc'
    | 'oauth_client_secret_enc'
    | 'oauth_refresh_token_enc'
    | 'oauth_email'
    | 'webhook_url'
    | 'platform_email'
    | 'access_token_enc'
    | 'access_token_expires_at'
    | 'sync_state'
    | 'sync_window_start'
    | 'sync_window_end'
    | 'last_events_ts'
    | 'push_channel_id'
    | 'push_resource_id'
    | 'push_secret_enc'
    | 'push_expires_at'
    | 'last_sync_at'
    | 'last_full_sync_at'
    | 'last_sync_error'
    | 'last_sync_error_at'
    | 'next_sync_at'
    | 'backoff_until'
    | 'consecutive_failures'
    | 'deleted_at'
  >
>;

export interface NewCalendar {
  workspaceId: string;
  calendarUserId?: string | null;
  platform: CalendarRow['platform'];
  clientIdEnc: string;
  clientSecretEnc: string;
  refreshTokenEnc: string;
  oauthEmail: string | null;
  webhookUrl: string | null;
}

const NOW_MS = `date_trunc('milliseconds', now())`;
const statusEntry = (statusParam: string, codeParam: string, messageParam: string) =>
  `jsonb_build_array(jsonb_build_object('status', ${statusParam}::text, 'created_at', ${NOW_MS}, 'error_code', ${codeParam}::text, 'error_message', ${messageParam}::text))`;

export async function insertCalendar(db: Queryable, c: NewCalendar): Promise<CalendarRow> {
  const r = await db.query<CalendarRow>(
    `INSERT INTO calendars (workspace_id, calendar_user_id, platform, oauth_client_id_enc, oauth_client_secret_enc,
                            oauth_refresh_token_enc, oauth_email, webhook_url, status, status_changes, next_sync_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'connecting', ${statusEntry("'connecting'", 'NULL', 'NULL')}, now())
     RETURNING *`,
    [c.workspaceId, c.calendarUserId ?? null, c.platform, c.clientIdEnc, c.clientSecretEnc, c.refreshTokenEnc, c.oauthEmail, c.webhookUrl],
  );
  return r.rows[0];
}

/**
 * A live (not deleted) calendar of the workspace. With `v2Only`, V1 connections (calendar_user_id set) are
 * excluded: they are calendars too, but belong to the Calendar V1 surface, separate from V2 as on Recall.
 */
export async function getCalendar(db: Queryable, workspaceId: string, id: string, opts: { v2Only?: boolean } = {}): Promise<CalendarRow | null> {
  const r = await db.query<CalendarRow>(
    `SELECT * FROM calendars WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL${opts.v2Only ? ' AND calendar_user_id IS NULL' : ''}`,
    [id, workspaceId],
  );
  return r.rows[0] ?? null;
}

/** Any calendar by id, deleted ones included (the engine's view). */
export async function getCalendarById(db: Queryable, id: string, forUpdate = false): Promise<CalendarRow | null> {
  const r = await db.query<CalendarRow>(`SELECT * FROM calendars WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return r.rows[0] ?? null;
}

export async function calendarByPushChannel(db: Queryable, channelId: string): Promise<Pick<CalendarRow, 'id' | 'push_secret_enc' | 'status'> | null> {
  const r = await db.query('SELECT id, push_secret_enc, status FROM calendars WHERE push_channel_id = $1 AND deleted_at IS NULL', [channelId]);
  return r.rows[0] ?? null;
}

/** calendarByPushChannel for a batch of channel ids, in one query on the partial push-channel index (hence IS NOT NULL). */
export async function calendarsByPushChannels(db: Queryable, channelIds: string[]): Promise<(Pick<CalendarRow, 'id' | 'push_secret_enc' | 'status'> & { push_channel_id: string })[]> {
  if (channelIds.length === 0) return [];
  const r = await db.query('SELECT id, push_secret_enc, status, push_channel_id FROM calendars WHERE push_channel_id = ANY($1::text[]) AND push_channel_id IS NOT NULL AND deleted_at IS NULL', [channelIds]);
  return r.rows;
}

export async function updateCalendar(db: Queryable, id: string, patch: CalendarPatch): Promise<CalendarRow | null> {
  const keys = Object.keys(patch) as (keyof CalendarPatch)[];
  const sets = keys.map((k, i) => `${k} = $${i + 2}`);
  sets.push(`updated_at = ${NOW_MS}`);
  const r = await db.query<CalendarRow>(`UPDATE calendars SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, [id, ...keys.map((k) => patch[k])]);
  return r.rows[0] ?? null;
}

/** Sets status and appends the change to status_changes (with the provider's error for disconnections). */
export async function setCalendarStatus(
  db: Queryable,
  id: string,
  status: CalendarStatus,
  error: { code: string | null; message: string | null } = { code: null, message: null },
  extra: CalendarPatch = {},
): Promise<CalendarRow | null> {
  const keys = Object.keys(extra) as (keyof CalendarPatch)[];
  const sets = keys.map((k, i) => `${k} = $${i + 5}`);
  const r = await db.query<CalendarRow>(
    `UPDATE calendars SET status = $2, status_changes = status_changes || ${statusEntry('$2', '$3', '$4')},
            updated_at = ${NOW_MS}${sets.length ? ', ' + sets.join(', ') : ''}
      WHERE id = $1 RETURNING *`,
    [id, status, error.code, error.message, ...keys.map((k) => extra[k])],
  );
  return r.rows[0] ?? null;
}

/** Bumps credentials_version (so work started with older credentials is discarded) and restarts at `connecting`. */
export async function restartConnection(db: Queryable, id: string, patch: CalendarPatch): Promise<CalendarRow | null> {
  const row = await setCalendarStatus(db, id, 'connecting', undefined, {
    ...patch,
    access_token_enc: null,
    access_token_expires_at: null,
    sync_state: null,
    backoff_until: null,
    consecutive_failures: 0,
    last_sync_error: null,
    last_sync_error_at: null,
    next_sync_at: new Date(),
  });
  if (!row) return null;
  const r = await db.query<CalendarRow>('UPDATE calendars SET credentials_version = credentials_version + 1 WHERE id = $1 RETURNING *', [id]);
  return r.rows[0];
}

export interface CalendarFilters {
  platform?: string;
  status?: string;
  email?: string;
  createdAtGte?: Date;
  descending?: boolean;
}

export async function listCalendars(db: Queryable, workspaceId: string, f: CalendarFilters, cursor: Cursor | null, limit: number): Promise<CalendarRow[]> {
  const values: unknown[] = [workspaceId];
  const where = ['workspace_id = $1', 'deleted_at IS NULL', 'calendar_user_id IS NULL'];
  if (f.platform) where.push(`platform = $${values.push(f.platform)}`);
  if (f.status) where.push(`status = $${values.push(f.status)}`);
  if (f.email) where.push(`lower(platform_email) = lower($${values.push(f.email)})`);
  if (f.createdAtGte) where.push(`created_at >= $${values.push(f.createdAtGte)}`);
  const ks = keyset(cursor, [{ expr: 'created_at', type: 'timestamptz', desc: f.descending }, { expr: 'id', type: 'uuid', desc: f.descending }], values.length + 1);
  values.push(...ks.values);
  const r = await db.query<CalendarRow>(
    `SELECT * FROM calendars WHERE ${where.join(' AND ')} AND ${ks.where} ORDER BY ${ks.orderBy} LIMIT ${Math.floor(limit)}`,
    values,
  );
  return r.rows;
}

/** Calendars whose next sync is due (the scheduler's backstop when a job was lost). */
export async function dueCalendarIds(db: Queryable, limit: number): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM calendars WHERE deleted_at IS NULL AND status <> 'disconnected' AND next_sync_at <= now() - interval '1 minute'
      ORDER BY next_sync_at LIMIT $1`,
    [limit],
  );
  return r.rows.map((row) => row.id);
}

/** The strictly increasing batch timestamp of a calendar's next sync batch (database clock, milliseconds). */
export async function nextBatchTimestamp(db: Queryable, id: string): Promise<Date> {
  const r = await db.query<{ t: Date }>(
    `SELECT greatest(date_trunc('milliseconds', clock_timestamp()), coalesce(last_events_ts + interval '1 millisecond', '-infinity')) AS t
       FROM calendars WHERE id = $1`,
    [id],
  );
  return r.rows[0].t;
}

/** Deleted calendars older than `days`, whose rows (and events, by cascade) can go. */
export async function purgeDeletedCalendars(db: Queryable, days: number): Promise<number> {
  const r = await db.query(`DELETE FROM calendars WHERE deleted_at < now() - make_interval(days => $1)`, [days]);
  return r.rowCount ?? 0;
}

/** updateCalendar, only while the calendar still has the credentials `version` (a PATCH may have replaced them). */
export async function updateCalendarIfVersion(db: Queryable, id: string, version: number, patch: CalendarPatch): Promise<boolean> {
  const keys = Object.keys(patch) as (keyof CalendarPatch)[];
  const sets = keys.map((k, i) => `${k} = $${i + 3}`);
  const r = await db.query(
    `UPDATE calendars SET ${sets.join(', ')} WHERE id = $1 AND credentials_version = $2 AND deleted_at IS NULL`,
    [id, version, ...keys.map((k) => patch[k])],
  );
  return (r.rowCount ?? 0) > 0;
}
