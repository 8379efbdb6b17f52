// The dispatch engine's SQL: claiming bots to arm (lease in claimed_by/claim_expires_at), firing them atomically
// (scheduled → launching), recording launches, and the sweeps that take over from dead processes. Times are the
// database's clock throughout, so processes with skewed clocks agree.
import type { BotRow } from './bots.js';
import type { Queryable } from './pool.js';

export interface ArmedClaim {
  id: string;
  dispatch_at_ms: number;
}

/** Claims up to `limit` scheduled bots due within the horizon that no live process holds. */
export async function claimForArming(db: Queryable, me: string, horizonMs: number, graceMs: number, limit: number): Promise<ArmedClaim[]> {
  const r = await db.query<ArmedClaim>(
    `UPDATE bots b SET claimed_by = $1, claim_expires_at = greatest(b.dispatch_at, now()) + make_interval(secs => $3::float8 / 1000)
      WHERE b.id IN (SELECT id FROM bots
                      WHERE phase = 'scheduled' AND dispatch_at <= now() + make_interval(secs => $2::float8 / 1000)
                        AND (claimed_by IS NULL OR claim_expires_at < now())
                      ORDER BY dispatch_at LIMIT $4 FOR UPDATE SKIP LOCKED)
      RETURNING b.id, (extract(epoch FROM b.dispatch_at) * 1000)::bigint AS dispatch_at_ms`,
    [me, horizonMs, graceMs, limit],
  );
  return r.rows;
}

const FIRE_SET = `phase = 'launching', dispatched_at = coalesce(dispatched_at, date_trunc('milliseconds', clock_timestamp())),
  launch_expires_at = clock_timestamp() + make_interval(secs => $2::float8 / 1000), launch_attempts = launch_attempts + 1,
  claimed_by = $1, updated_at = date_trunc('milliseconds', now())`;

/** Fires armed bots: scheduled → launching, only if still scheduled, due (within tolerance) and ours or unclaimed. */
export async function fireBots(db: Queryable, me: string, ids: string[], leaseMs: number, toleranceMs: number): Promise<BotRow[]> {
  const r = await db.query<BotRow>(
    `UPDATE bots SET ${FIRE_SET}
      WHERE id = ANY($3::uuid[]) AND phase = 'scheduled'
        AND dispatch_at <= clock_timestamp() + make_interval(secs => $4::float8 / 1000)
        AND (claimed_by = $1 OR claimed_by IS NULL OR claim_expires_at < now())
      RETURNING *`,
    [me, leaseMs, ids, toleranceMs],
  );
  return r.rows;
}

/** The backstop: fires due scheduled bots that are unclaimed, claimed by us, or whose claim expired. */
export async function sweepDueBots(db: Queryable, me: string, leaseMs: number, limit: number): Promise<BotRow[]> {
  const r = await db.query<BotRow>(
    `UPDATE bots SET ${FIRE_SET}
      WHERE id IN (SELECT id FROM bots
                    WHERE phase = 'scheduled' AND dispatch_at <= clock_timestamp()
                      AND (claimed_by IS NULL OR claimed_by = $1 OR claim_expires_at < now())
                    ORDER BY dispatch_at LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING *`,
    [me, leaseMs, limit],
  );
  return r.rows;
}

/** Launches whose lease passed (the launching process died, or a retry is due): taken over with a new lease. */
export async function takeOverLaunches(db: Queryable, me: string, leaseMs: number, limit: number): Promise<BotRow[]> {
  const r = await db.query<BotRow>(
    `UPDATE bots SET claimed_by = $1, launch_expires_at = clock_timestamp() + make_interval(secs => $2::float8 / 1000),
                     launch_attempts = launch_attempts + 1
      WHERE id IN (SELECT id FROM bots WHERE phase = 'launching' AND launch_expires_at < clock_timestamp()
                    ORDER BY launch_expires_at LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING *`,
    [me, leaseMs, limit],
  );
  return r.rows;
}

/** Records successful launches in one statement. */
export async function markLaunched(db: Queryable, launched: { id: string; runtime: string; ref: string | null }[]): Promise<void> {
  if (launched.length === 0) return;
  await db.query(
    `UPDATE bots b SET phase = 'dispatched', launched_at = date_trunc('milliseconds', clock_timestamp()), runtime = v.runtime,
                       runtime_ref = v.ref, launch_expires_at = NULL, claimed_by = NULL, claim_expires_at = NULL
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, runtime, ref)
      WHERE b.id = v.id AND b.phase = 'launching'`,
    [launched.map((l) => l.id), launched.map((l) => l.runtime), launched.map((l) => l.ref)],
  );
}

/** A failed attempt: retried by a sweep once `retryInMs` passed. */
export async function deferLaunch(db: Queryable, id: string, retryInMs: number): Promise<void> {
  await db.query(
    `UPDATE bots SET launch_expires_at = clock_timestamp() + make_interval(secs => $2::float8 / 1000) WHERE id = $1 AND phase = 'launching'`,
    [id, retryInMs],
  );
}

/** Gives up on a launch: the bot counts as dispatched (it cannot be changed any more) and becomes fatal. */
export async function abandonLaunch(db: Queryable, id: string, runtime: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE bots SET phase = 'dispatched', runtime = $2, launch_expires_at = NULL, claimed_by = NULL WHERE id = $1 AND phase = 'launching'`,
    [id, runtime],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Hands back this process's claims of bots it armed but did not fire (shutdown), so others arm them at once. */
export async function releaseClaims(db: Queryable, me: string): Promise<number> {
  const r = await db.query(`UPDATE bots SET claimed_by = NULL, claim_expires_at = NULL WHERE claimed_by = $1 AND phase = 'scheduled'`, [me]);
  return r.rowCount ?? 0;
}

/** The database clock in epoch milliseconds. */
export async function databaseNowMs(db: Queryable): Promise<number> {
  const r = await db.query<{ ms: string | number }>(`SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms`);
  return Number(r.rows[0].ms);
}
