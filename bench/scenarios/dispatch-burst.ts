// 1. Dispatch burst: N bots due within the same second, scheduled `lead` ahead, launched through the `http`
// runtime to a local receiver that timestamps each launch. Lateness = arrival − due. Run on an embedded
// PostgreSQL with one `rollcall worker` and on the machine's PostgreSQL with three; the baseline is the same
// launches as plain graphile-worker run_at jobs (default settings) with the same number of processes.
import { percentile, round, type Scenario, type ScenarioResult, type Size, type Target } from '../scenario.js';
import { embeddedDatabase, machineDatabase, type BenchDatabase } from '../support/db.js';
import { startReceiver } from '../support/receiver.js';
import { createBenchWorkspace, runScript, sleep, startRollcall, stopProcess, waitFor } from '../support/rollcall.js';
import { waitForOutput, type RunningProcess } from '../../test/helpers/process.js';

const SIZES: Record<Size, { bots: number; leadMs: number; baselineLeadMs: number; configs: { db: 'embedded' | 'machine'; processes: number }[] }> = {
  smoke: { bots: 50, leadMs: 3000, baselineLeadMs: 2000, configs: [{ db: 'machine', processes: 1 }] },
  small: { bots: 2000, leadMs: 15_000, baselineLeadMs: 8000, configs: [{ db: 'embedded', processes: 1 }, { db: 'machine', processes: 3 }] },
  full: { bots: 10_000, leadMs: 60_000, baselineLeadMs: 10_000, configs: [{ db: 'embedded', processes: 1 }, { db: 'machine', processes: 3 }] },
};
/** A launch not received this long after the last bot was due counts as missed. */
const MISS_AFTER_MS = 30_000;
/** Infinity (a launch never received) shown as such. */
const shown = (n: number): number | string => (Number.isFinite(n) ? n : `> ${MISS_AFTER_MS}`);

interface BurstFigures {
  /** Launch received by the runtime − due (the measured lateness). */
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  missed: number;
  duplicates: number;
  /** rollcall only: claimed for launch (dispatched_at) and launch confirmed (launched_at) − due. */
  claimed_p50_ms?: number;
  claimed_p99_ms?: number;
  confirmed_p50_ms?: number;
  confirmed_p99_ms?: number;
}

/** Due instants spread over one second starting at `at` (ms). */
const dueOf = (at: number, i: number, n: number) => at + Math.floor((i * 1000) / n);

async function measure(bots: number, lastDue: number, arrivals: Map<string, number[]>, dueById: Map<string, number>, settleMs: number): Promise<BurstFigures> {
  await waitFor('every launch', async () => arrivals.size >= bots || Date.now() > lastDue + MISS_AFTER_MS, MISS_AFTER_MS + 60_000, 100);
  await sleep(settleMs); // late repeats
  // A launch not received counts as infinitely late, so percentiles stay honest when some are missing.
  const lateness = [...dueById].map(([id, due]) => (arrivals.has(id) ? arrivals.get(id)![0] - due : Infinity));
  return {
    p50_ms: round(percentile(lateness, 50)),
    p99_ms: round(percentile(lateness, 99)),
    max_ms: round(Math.max(...lateness)),
    missed: bots - arrivals.size,
    duplicates: [...arrivals.values()].filter((a) => a.length > 1).length,
  };
}

async function runRollcallBurst(db: BenchDatabase, processes: number, bots: number, leadMs: number): Promise<BurstFigures> {
  const arrivals = new Map<string, number[]>();
  const receiver = await startReceiver(({ at, body }) => {
    if (body?.type !== 'launch') return;
    const list = arrivals.get(body.bot_id) ?? [];
    list.push(at);
    arrivals.set(body.bot_id, list);
    return { runtime_ref: `ext_${body.bot_id}` };
  });
  const env = { BOT_RUNTIME: 'http', BOT_RUNTIME_HTTP_URL: `${receiver.url}/launch`, BOT_DISPATCH_LEAD_MS: '0', ...(process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {}) };
  const workers = await Promise.all(Array.from({ length: processes }, () => startRollcall('worker', db.url, env)));
  try {
    const ws = await createBenchWorkspace(db.pool);
    const at = Date.now() + leadMs;
    const rows = await db.pool.query<{ id: string; due: Date }>(
      `INSERT INTO bots (workspace_id, meeting_url, meeting_platform, join_at, dispatch_at)
       SELECT $1, 'https://meet.google.com/abc-defg-hij', 'google_meet', t, t
         FROM (SELECT to_timestamp(($2::float8 + floor((g - 1) * 1000.0 / $3)) / 1000) AS t FROM generate_series(1, $3) g) s
       RETURNING id, dispatch_at AS due`,
      [ws.id, at, bots],
    );
    await db.pool.query(`SELECT pg_notify('rollcall_bots', 'bulk')`);
    const dueById = new Map(rows.rows.map((r) => [r.id, r.due.getTime()]));
    const figures = await measure(bots, at + 1000, arrivals, dueById, bots > 100 ? 2000 : 300);
    // Where the time goes: claimed (scheduled → launching, database clock) and launch confirmed, against due.
    const phases = (await db.pool.query<{ claim_p50: number; claim_p99: number; confirm_p50: number; confirm_p99: number }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM dispatched_at - dispatch_at) * 1000) AS claim_p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM dispatched_at - dispatch_at) * 1000) AS claim_p99,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM launched_at - dispatch_at) * 1000) AS confirm_p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM launched_at - dispatch_at) * 1000) AS confirm_p99
         FROM bots WHERE workspace_id = $1`, [ws.id])).rows[0];
    return { ...figures, claimed_p50_ms: round(Number(phases.claim_p50)), claimed_p99_ms: round(Number(phases.claim_p99)), confirmed_p50_ms: round(Number(phases.confirm_p50)), confirmed_p99_ms: round(Number(phases.confirm_p99)) };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await receiver.close();
  }
}

async function runBaselineBurst(db: BenchDatabase, workers: RunningProcess[], arrivals: Map<string, number[]>, bots: number, leadMs: number): Promise<BurstFigures> {
  try {
    await Promise.all(workers.map((w) => waitForOutput(w, /baseline worker ready/, 120_000)));
    const at = Date.now() + leadMs;
    const dueById = new Map<string, number>();
    const specs = Array.from({ length: bots }, (_, i) => {
      const id = `b${i}`;
      const due = dueOf(at, i, bots);
      dueById.set(id, due);
      return { identifier: 'bench_launch', payload: { bot_id: id }, run_at: new Date(due).toISOString(), max_attempts: 25 };
    });
    await db.pool.query(
      `SELECT graphile_worker.add_jobs(array(SELECT ROW(s->>'identifier', s->'payload', NULL, (s->>'run_at')::timestamptz, (s->>'max_attempts')::smallint, NULL, NULL, NULL)::graphile_worker.job_spec
                                               FROM json_array_elements($1::json) s))`,
      [JSON.stringify(specs)],
    );
    return await measure(bots, at + 1000, arrivals, dueById, bots > 100 ? 2000 : 300);
  } finally {
    await Promise.all(workers.map((w) => stopProcess(w)));
  }
}

const targetsFor = (label: string, r: BurstFigures): Target[] => [
  { name: `${label} lateness p99`, goal: '≤ 200 ms', actual: `${shown(r.p99_ms)} ms`, pass: r.p99_ms <= 200 },
  { name: `${label} lateness max`, goal: '≤ 1000 ms', actual: `${shown(r.max_ms)} ms`, pass: r.max_ms <= 1000 },
  { name: `${label} missed launches`, goal: '0', actual: r.missed, pass: r.missed === 0 },
  { name: `${label} duplicate launches`, goal: '0', actual: r.duplicates, pass: r.duplicates === 0 },
];

export const dispatchBurst: Scenario = {
  name: 'dispatch-burst',
  description: 'N bots due in the same second: launch lateness, missed and duplicate launches (vs graphile-worker run_at jobs)',
  async run(size) {
    const s = SIZES[size];
    const out: ScenarioResult = { rollcall: { bots: s.bots, lead_ms: s.leadMs }, baseline: { bots: s.bots, lead_ms: s.baselineLeadMs }, targets: [], notes: [] };
    for (const c of s.configs) {
      const label = `${c.db} PG, ${c.processes} process${c.processes > 1 ? 'es' : ''}`;
      const db = c.db === 'embedded' ? await embeddedDatabase(4) : await machineDatabase(4);
      const baselineArrivals = new Map<string, number[]>();
      const receiver = await startReceiver(({ at, body }) => {
        if (body?.type !== 'launch') return;
        const list = baselineArrivals.get(body.bot_id) ?? [];
        list.push(at);
        baselineArrivals.set(body.bot_id, list);
      });
      const baselineWorkers = Array.from({ length: c.processes }, () =>
        runScript('bench/baselines/graphile-dispatch.ts', { DATABASE_URL: db.url, LAUNCH_URL: `${receiver.url}/launch` }));
      try {
        const r = await runRollcallBurst(db, c.processes, s.bots, s.leadMs);
        const b = await runBaselineBurst(db, baselineWorkers, baselineArrivals, s.bots, s.baselineLeadMs);
        for (const [k, v] of Object.entries(r)) out.rollcall[`${label}: ${k}`] = shown(v);
        for (const [k, v] of Object.entries(b)) out.baseline[`${label}: ${k}`] = shown(v);
        out.rollcall[`${label}: p99 ratio rollcall/baseline`] = Number.isFinite(b.p99_ms) ? round(r.p99_ms / b.p99_ms, 3) : `< ${round(r.p99_ms / MISS_AFTER_MS, 3)}`;
        out.targets.push(...targetsFor(label, r));
      } finally {
        await Promise.all(baselineWorkers.map((w) => stopProcess(w)));
        await receiver.close();
        await db.drop();
      }
    }
    out.notes!.push('Lateness = launch request received by the local `http` runtime receiver (bench process) − dispatch_at; the baseline POSTs the same launch from a graphile-worker task at run_at.');
    out.notes!.push(`"missed" = no launch received within ${MISS_AFTER_MS / 1000} s after the last bot was due (the run stops waiting then); missing launches count as infinitely late in the percentiles.`);
    out.notes!.push(`The baseline's jobs are added ${s.baselineLeadMs / 1000} s ahead: graphile-worker does no work before run_at, so a longer lead changes nothing for it.`);
    return out;
  },
};
