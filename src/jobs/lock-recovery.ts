// Frees the jobs of worker processes that died. graphile-worker 0.16 leaves a job (and its named queue, e.g. a
// calendar's `calendar:<id>`) locked for 4 hours when the process running it is SIGKILLed or loses its database
// session mid-job, which would stall that calendar's syncs for hours. So each process holds a session-level advisory
// lock per graphile worker id on a dedicated connection, and every process periodically unlocks jobs and queues held
// by worker ids whose advisory lock nobody holds (a dead session releases its locks at once).
import pg from 'pg';
import type { Pool } from '../db/pool.js';
import type { Logger } from '../observability/logger.js';

/** First key of the two-key advisory locks (ASCII "rlwk"); the second is a hash of the worker id. */
export const LOCK_NAMESPACE = 0x726c776b;
/** A job locked more recently than this is never recovered (covers a worker that just started, before its lock). */
export const LOCK_RECOVERY_GRACE_SECONDS = 10;
const RECOVERY_INTERVAL_MS = 5000;

const DEAD_WORKERS_SQL = `
  SELECT DISTINCT w.locked_by FROM (
    SELECT locked_by FROM graphile_worker._private_jobs WHERE locked_at < now() - make_interval(secs => $2)
    UNION ALL
    SELECT locked_by FROM graphile_worker._private_job_queues WHERE locked_at < now() - make_interval(secs => $2)
  ) w
  WHERE w.locked_by IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM pg_locks l
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND l.classid = $1::int::oid AND l.objid = (hashtext(w.locked_by) & 2147483647)::oid)`;

/** Worker ids holding jobs for longer than the grace period whose process is gone. */
export async function deadWorkerIds(pool: Pool): Promise<string[]> {
  const r = await pool.query<{ locked_by: string }>(DEAD_WORKERS_SQL, [LOCK_NAMESPACE, LOCK_RECOVERY_GRACE_SECONDS]);
  return r.rows.map((x) => x.locked_by);
}

export class LockRecovery {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private reconnecting = false;
  private readonly locked = new Set<string>();

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
    private readonly workerIds: () => string[],
  ) {}

  async start(): Promise<void> {
    await this.connect();
    this.schedule(0);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...this.pool.options, application_name: 'rollcall-worker-liveness' } as pg.ClientConfig);
    client.on('error', (err) => {
      this.log.warn({ err }, 'worker liveness connection lost; reconnecting');
      void this.reconnect();
    });
    await client.connect();
    this.locked.clear();
    this.client = client;
    await this.lockNewWorkers();
  }

  /** Takes the liveness lock of worker ids created since (a restarted runner's). */
  async lockNewWorkers(): Promise<void> {
    const client = this.client;
    if (!client) return;
    for (const id of this.workerIds()) {
      if (this.locked.has(id)) continue;
      await client.query('SELECT pg_advisory_lock($1, hashtext($2) & 2147483647)', [LOCK_NAMESPACE, id]);
      this.locked.add(id);
    }
  }

  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    const old = this.client;
    this.client = null;
    await old?.end().catch(() => undefined);
    while (!this.stopped) {
      try {
        await this.connect();
        break;
      } catch (err) {
        this.log.warn({ err }, 'worker liveness reconnect failed');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    this.reconnecting = false;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    // Jitter spreads the processes' checks apart.
    this.timer = setTimeout(() => void this.recoverOnce().finally(() => this.schedule(RECOVERY_INTERVAL_MS * (0.5 + Math.random()))), ms);
    this.timer.unref();
  }

  /** Gives up a worker id of this process that ended (its jobs become recoverable after the grace period). */
  async forget(workerId: string): Promise<void> {
    this.locked.delete(workerId);
    await this.client?.query('SELECT pg_advisory_unlock($1, hashtext($2) & 2147483647)', [LOCK_NAMESPACE, workerId]).catch(() => undefined);
  }

  /** Unlocks the jobs of dead workers; only while this process's own liveness locks are held. */
  async recoverOnce(): Promise<string[]> {
    if (!this.client) return [];
    try {
      await this.lockNewWorkers();
      const dead = await deadWorkerIds(this.pool);
      if (dead.length === 0) return [];
      await this.pool.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [dead]);
      this.log.warn({ workers: dead }, 'unlocked the jobs of worker processes that died');
      return dead;
    } catch (err) {
      this.log.warn({ err }, 'job lock recovery failed; will retry');
      return [];
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }
}
