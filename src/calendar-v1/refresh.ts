// POST /meetings/refresh/: sync every connection of the user now (bypassing the push debounce) and wait, up to
// a deadline, until each pass has finished (succeeded or failed) or the calendar is disconnected.
import { requestSyncNow } from '../calendars/sync/schedule.js';
import { connectionsOf } from '../db/calendar-users.js';
import { withTransaction, type Queryable } from '../db/pool.js';
import type { Deps } from '../deps.js';

async function passesDone(db: Queryable, ids: string[], since: Date): Promise<boolean> {
  const r = await db.query<{ pending: number }>(
    `SELECT count(*)::int AS pending FROM calendars
      WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL AND status <> 'disconnected'
        AND coalesce(last_sync_at, '-infinity') < $2 AND coalesce(last_sync_error_at, '-infinity') < $2`,
    [ids, since],
  );
  return r.rows[0].pending === 0;
}

export async function refreshUserCalendars(deps: Deps, userId: string, timeoutMs = 10_000): Promise<void> {
  const ids = (await connectionsOf(deps.pool, [userId])).filter((c) => c.status !== 'disconnected').map((c) => c.calendar_id);
  if (ids.length === 0) return;
  const since = new Date(Math.floor(Date.now()));
  await withTransaction(deps.pool, async (tx) => {
    for (const id of ids) await requestSyncNow(tx, id);
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await passesDone(deps.pool, ids, since)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
