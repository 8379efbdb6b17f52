// 5. Footprint: N connected Google calendars left as the sync engine leaves them (push channel open, next
// safety-net pass spread over the coming hour with its `next:<id>` job, some channels due for renewal), served by
// a fresh `rollcall serve` process; we sample its /proc stat and status: resident memory and CPU. One calendar is
// connected for real through the API and the emulator, and cloned. Reference: the same program with 1 calendar.
import { calendarSyncTask } from '../../src/jobs/tasks/calendar-sync.js';
import { round, type Scenario, type Size } from '../scenario.js';
import { machineDatabase, type BenchDatabase } from '../support/db.js';
import { createAccount, googleEnv, seedEvents, startGoogleEmulator } from '../support/google.js';
import { sampleProc, type ProcSample } from '../support/proc.js';
import { apiCall, createBenchWorkspace, sleep, startRollcall, waitFor, type Rollcall } from '../support/rollcall.js';

const SIZES: Record<Size, { calendars: number; warmupMs: number; sampleMs: number; referenceMs: number }> = {
  smoke: { calendars: 200, warmupMs: 1000, sampleMs: 3000, referenceMs: 1000 },
  small: { calendars: 10_000, warmupMs: 10_000, sampleMs: 45_000, referenceMs: 10_000 },
  full: { calendars: 10_000, warmupMs: 15_000, sampleMs: 150_000, referenceMs: 15_000 },
};
/** Share of channels expiring within the renewal window, so renewals run during the sample. */
const RENEWING = 0.05;

async function sample(pid: number, ms: number): Promise<{ rssMaxMb: number; rssAvgMb: number; cpuPercent: number }> {
  const samples: ProcSample[] = [await sampleProc(pid)];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await sleep(Math.min(1000, Math.max(0, end - Date.now())));
    samples.push(await sampleProc(pid));
  }
  const first = samples[0];
  const last = samples.at(-1)!;
  return {
    rssMaxMb: round(Math.max(...samples.map((s) => s.rssMb))),
    rssAvgMb: round(samples.reduce((a, s) => a + s.rssMb, 0) / samples.length),
    cpuPercent: round((100 * (last.cpuSeconds - first.cpuSeconds)) / ((last.at - first.at) / 1000), 2),
  };
}

/** Clones the connected calendar `sourceId` into `count` more, with their channels and scheduled passes. */
async function cloneCalendars(db: BenchDatabase, sourceId: string, count: number, renewBeforeSeconds: number): Promise<void> {
  const cols = (await db.pool.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'calendars'
        AND column_name NOT IN ('id', 'push_channel_id', 'push_resource_id', 'push_expires_at', 'next_sync_at', 'created_at', 'updated_at')`)).rows.map((r) => r.column_name);
  await db.pool.query(
    `WITH made AS (
       INSERT INTO calendars (${cols.join(', ')}, push_channel_id, push_resource_id, push_expires_at, next_sync_at)
       SELECT ${cols.map((c) => `c.${c}`).join(', ')}, 'bench-' || md5(g::text), 'res-' || md5(g::text),
              CASE WHEN g % 100 < $3::float8 * 100 THEN now() + make_interval(secs => $4 - 1 - (g % 600))
                   ELSE now() + make_interval(secs => $4 + (g * 7919) % (6 * 86400)) END,
              now() + make_interval(secs => (g * 3637) % 3600)
         FROM calendars c, generate_series(1, $2) g WHERE c.id = $1
       RETURNING id, next_sync_at)
     SELECT graphile_worker.add_jobs(array(
       SELECT ROW($5, json_build_object('calendarId', id), 'calendar:' || id, next_sync_at, 10, 'next:' || id, NULL, NULL)::graphile_worker.job_spec FROM made))`,
    [sourceId, count, RENEWING, renewBeforeSeconds, calendarSyncTask.name],
  );
}

export const footprint: Scenario = {
  name: 'footprint',
  description: 'N idle connected calendars (safety-net passes and renewals running): RSS and CPU of the rollcall process',
  async run(size) {
    const s = SIZES[size];
    const db = await machineDatabase(4);
    const g = await startGoogleEmulator();
    let rc: Rollcall | null = null;
    try {
      const env = googleEnv(g);
      rc = await startRollcall('serve', db.url, env);
      const ws = await createBenchWorkspace(db.pool);
      const account = await createAccount(g, 'idle@bench.example');
      seedEvents(g, account.email, 20);
      const created = await apiCall(rc.base!, ws.auth, 'POST', '/api/v2/calendars/', {
        platform: 'google_calendar', oauth_client_id: account.client_id, oauth_client_secret: account.client_secret, oauth_refresh_token: account.refresh_token,
      });
      if (created.status !== 201) throw new Error(`create calendar: ${created.status} ${JSON.stringify(created.body)}`);
      const id = created.body.id as string;
      await waitFor('connected with a push channel', async () =>
        (await db.pool.query(`SELECT 1 FROM calendars WHERE id = $1 AND status = 'connected' AND push_expires_at IS NOT NULL`, [id])).rowCount, 60_000);
      await sleep(s.warmupMs / 2);
      const reference = await sample(rc.pid, s.referenceMs);
      // Measure a fresh process that starts with every calendar (the smoke size keeps the first one: faster).
      const restart = size !== 'smoke';
      if (restart) {
        await rc.stop();
        rc = null;
      }
      await cloneCalendars(db, id, s.calendars - 1, 86_400);
      const t0 = new Date();
      if (restart) rc = await startRollcall('serve', db.url, env);
      await sleep(s.warmupMs);
      const requestsBefore = g.requests.list().length;
      const windowStart = new Date();
      const measured = await sample(rc!.pid, s.sampleMs);
      const passes = (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM calendars WHERE last_sync_at >= $1', [windowStart])).rows[0].n;
      const renewed = (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM calendars WHERE push_channel_id NOT LIKE 'bench-%' AND updated_at >= $1`, [t0])).rows[0].n;
      const failing = (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM calendars WHERE status <> 'connected' OR last_sync_error_at >= $1`, [t0])).rows[0].n;
      const providerRequests = g.requests.list().length - requestsBefore;
      return {
        rollcall: {
          calendars: s.calendars, sample_seconds: s.sampleMs / 1000, rss_max_mb: measured.rssMaxMb, rss_avg_mb: measured.rssAvgMb, cpu_avg_percent_of_core: measured.cpuPercent,
          sync_passes_in_sample: passes, channels_renewed_since_start: renewed, calendars_failing: failing, provider_requests_in_sample: providerRequests,
        },
        baseline: { calendars: 1, sample_seconds: s.referenceMs / 1000, rss_max_mb: reference.rssMaxMb, rss_avg_mb: reference.rssAvgMb, cpu_avg_percent_of_core: reference.cpuPercent },
        targets: [
          { name: 'RSS', goal: '≤ 300 MB', actual: `${measured.rssMaxMb} MB`, pass: measured.rssMaxMb <= 300 },
          { name: 'average CPU', goal: '≤ 5% of one core', actual: `${measured.cpuPercent}%`, pass: measured.cpuPercent <= 5 },
        ],
        notes: [
          `One real \`rollcall serve\` process (API + worker, defaults, SYNC_SAFETY_NET_SECONDS 3600), sampled every second for ${s.sampleMs / 1000} s after a ${s.warmupMs / 1000} s warm-up. Calendars: one connected through the emulator, cloned with next passes spread over the hour (graphile-worker \`next:<id>\` jobs) and ${RENEWING * 100}% of channels inside the renewal window.`,
          'Reference ("baseline" column): the same program with its single real calendar, before the clones were added.',
        ],
      };
    } finally {
      await rc?.stop();
      await g.close();
      await db.drop();
    }
  },
};
