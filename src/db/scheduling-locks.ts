// Transaction-level advisory locks that serialise scheduling: one per (workspace, deduplication key), taken in a
// fixed order so two requests needing several keys cannot deadlock each other.
import type { Queryable } from './pool.js';

/** Locks every key until the transaction ends, in sorted order. */
export async function lockDedupKeys(db: Queryable, workspaceId: string, keys: Iterable<string>): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  // hashtext() is 32-bit; the two-argument lock keeps the workspace and the key apart. A collision only
  // serialises two unrelated keys, never merges them (the unique index on scheduled keys is the real guard).
  await db.query(
    `SELECT pg_advisory_xact_lock(hashtext($1), hashtext(k)) FROM unnest($2::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`,
    [workspaceId, sorted],
  );
}

export interface LockedEvent {
  id: string;
  calendar_id: string;
  start_time: Date;
  end_time: Date;
  meeting_url: string | null;
  is_deleted: boolean;
  calendar_status: string;
}

/**
 * Locks an event of a live calendar of the workspace against concurrent scheduling and sync updates (the sync's
 * unscheduling then sees this transaction's attachments). Null when unknown.
 */
export async function lockEventForScheduling(db: Queryable, workspaceId: string, eventId: string): Promise<LockedEvent | null> {
  const r = await db.query<LockedEvent>(
    `SELECT e.id, e.calendar_id, e.start_time, e.end_time, e.meeting_url, e.is_deleted, c.status AS calendar_status
       FROM calendar_events e JOIN calendars c ON c.id = e.calendar_id AND c.deleted_at IS NULL
      WHERE e.id = $1 AND e.workspace_id = $2
        FOR NO KEY UPDATE OF e`,
    [eventId, workspaceId],
  );
  return r.rows[0] ?? null;
}
