// The end-of-run checks of the crash tests. Each returns a list of violations (empty = holds) after waiting, with
// a generous deadline, for the system to settle: a check that still fails at its deadline reports what it saw.
import pg from 'pg';
import { sleep, type Cluster } from '../../helpers/cluster.js';
import { connectCalendar, type Workload } from './workload.js';

export interface Verdict {
  name: string;
  violations: string[];
  detail: Record<string, number>;
}

async function settle(name: string, timeoutMs: number, check: () => Promise<Omit<Verdict, 'name'>>): Promise<Verdict> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v.violations.length === 0 || Date.now() > end) return { name, ...v };
    await sleep(500);
  }
}

async function liveSet(db: pg.Pool, calendarId: string): Promise<string[]> {
  const r = await db.query<{ f: string }>(
    `SELECT platform_id || '|' || start_time::text || '|' || end_time::text || '|' || coalesce(raw->>'summary', raw->>'subject', '') AS f
       FROM calendar_events WHERE calendar_id = $1 AND NOT is_deleted ORDER BY 1`,
    [calendarId],
  );
  return r.rows.map((x) => x.f);
}

/** Every provider change is in the events table: each calendar holds what a clean sync of its account holds. */
export async function checkEvents(c: Cluster, db: pg.Pool, w: Workload, timeoutMs: number): Promise<Verdict> {
  const clean = new Map<string, string>();
  for (const cal of w.calendars) clean.set(cal.id, await connectCalendar(c, w.auth, cal.platform, cal.account));
  return settle('events', timeoutMs, async () => {
    const violations: string[] = [];
    let events = 0;
    for (const cal of w.calendars) {
      const cleanId = clean.get(cal.id)!;
      const status = (await db.query<{ status: string }>('SELECT status FROM calendars WHERE id = ANY($1)', [[cal.id, cleanId]])).rows;
      if (status.some((s) => s.status !== 'connected')) {
        violations.push(`${cal.platform} ${cal.email}: status ${status.map((s) => s.status).join('/')}`);
        continue;
      }
      const [got, want] = [await liveSet(db, cal.id), await liveSet(db, cleanId)];
      events += want.length;
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        const missing = want.filter((x) => !got.includes(x));
        const extra = got.filter((x) => !want.includes(x));
        violations.push(`${cal.platform} ${cal.email}: ${missing.length} missing (${missing.slice(0, 2).join(', ')}), ${extra.length} extra (${extra.slice(0, 2).join(', ')})`);
      }
    }
    return { violations, detail: { calendars: w.calendars.length, liveEvents: events } };
  });
}

/** Every bot rollcall accepted was handed to the runtime, and created there exactly once (by idempotency key). */
export async function checkBots(c: Cluster, db: pg.Pool, w: Workload, timeoutMs: number): Promise<Verdict> {
  return settle('bots', timeoutMs, async () => {
    const violations: string[] = [];
    const rows = (await db.query<{ id: string; phase: string }>('SELECT id, phase FROM bots WHERE workspace_id = $1', [w.workspaceId])).rows;
    if (rows.length !== w.bots.size) violations.push(`${rows.length} bots in the database, ${w.bots.size} created by the client`);
    const notDispatched = rows.filter((r) => r.phase !== 'dispatched');
    if (notDispatched.length) violations.push(`${notDispatched.length} bots not dispatched (e.g. ${notDispatched[0].id} ${notDispatched[0].phase})`);
    let repeats = 0;
    let lateMax = 0;
    for (const [id, bot] of w.bots) {
      const n = c.launches.launches.get(id) ?? 0;
      if (!c.launches.created.has(id)) violations.push(`bot ${id} never launched`);
      else if (c.launches.headers.get(id)?.['idempotency-key'] !== id) violations.push(`bot ${id} launched without its idempotency key`);
      if (n > 1) repeats += n - 1;
      const at = c.launches.receivedAt.get(id);
      if (at) lateMax = Math.max(lateMax, at - bot.joinAt);
    }
    const known = new Set(rows.map((r) => r.id));
    for (const id of c.launches.launches.keys()) if (c.launches.bodies.get(id)?.workspace_id === w.workspaceId && !known.has(id)) violations.push(`launch of unknown bot ${id}`);
    return { violations, detail: { bots: w.bots.size, repeatedLaunchRequests: repeats, maxLaunchLatenessMs: Math.round(lateMax) } };
  });
}

/** Every webhook message was delivered at least once, always with the same id and body. */
export async function checkWebhooks(c: Cluster, db: pg.Pool, w: Workload, timeoutMs: number): Promise<Verdict> {
  return settle('webhooks', timeoutMs, async () => {
    const violations: string[] = [];
    const messages = (await db.query<{ id: string; body: string }>('SELECT id, body FROM webhook_messages WHERE workspace_id = $1', [w.workspaceId])).rows;
    const received = new Map<string, Set<string>>();
    let requests = 0;
    for (const r of c.hooks.requests) {
      const id = String(r.headers['webhook-id']);
      requests++;
      if (!received.has(id)) received.set(id, new Set());
      received.get(id)!.add(r.body);
    }
    const byId = new Map(messages.map((m) => [m.id, m.body]));
    for (const m of messages) if (!received.has(m.id)) violations.push(`message ${m.id} never delivered`);
    for (const [id, bodies] of received) {
      if (!byId.has(id)) violations.push(`received unknown webhook-id ${id}`);
      else if (bodies.size !== 1 || !bodies.has(byId.get(id)!)) violations.push(`webhook-id ${id} delivered with ${bodies.size} different bodies`);
    }
    const pending = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE workspace_id = $1 AND status <> 'succeeded'`, [w.workspaceId])).rows[0].n;
    if (pending) violations.push(`${pending} deliveries not succeeded`);
    return { violations, detail: { messages: messages.length, deliveryRequests: requests, redelivered: requests - received.size } };
  });
}

/** No job is stuck: nothing locked, nothing overdue, no queue held, nothing failed for good. */
export async function checkJobs(db: pg.Pool, timeoutMs: number): Promise<Verdict> {
  return settle('jobs', timeoutMs, async () => {
    const violations: string[] = [];
    const jobs = (await db.query<{ id: string; task: string; locked: boolean; overdue: boolean; dead: boolean; last_error: string | null }>(
      `SELECT j.id::text, t.identifier AS task, j.locked_at IS NOT NULL AND j.locked_at < now() - interval '30 seconds' AS locked,
              j.locked_at IS NULL AND j.run_at < now() - interval '30 seconds' AND j.attempts < j.max_attempts AS overdue,
              j.locked_at IS NULL AND j.attempts >= j.max_attempts AND j.last_error IS NOT NULL AS dead, j.last_error
         FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id`,
    )).rows;
    // A job at max_attempts with no error was superseded while it ran (graphile-worker's add_job on a locked job
    // key), so it is not retried by design; one that failed with an error is a violation.
    for (const j of jobs) {
      if (j.locked) violations.push(`job ${j.id} (${j.task}) locked for more than 30 s`);
      if (j.overdue) violations.push(`job ${j.id} (${j.task}) overdue by more than 30 s`);
      if (j.dead) violations.push(`job ${j.id} (${j.task}) failed for good: ${j.last_error?.slice(0, 200)}`);
    }
    const queues = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker._private_job_queues WHERE locked_at < now() - interval '30 seconds'`)).rows[0].n;
    if (queues) violations.push(`${queues} job queues locked for more than 30 s`);
    return { violations, detail: { jobs: jobs.length } };
  });
}

/** Every invariant of the crash tests, in order, with the violations flattened and named. */
export async function checkAll(c: Cluster, db: pg.Pool, w: Workload, timeoutMs: number): Promise<{ verdicts: Verdict[]; violations: string[] }> {
  const verdicts = [
    await checkEvents(c, db, w, timeoutMs),
    await checkBots(c, db, w, timeoutMs),
    await checkWebhooks(c, db, w, timeoutMs),
    await checkJobs(db, timeoutMs),
  ];
  return { verdicts, violations: verdicts.flatMap((v) => v.violations.map((x) => `${v.name}: ${x}`)) };
}
