// 4. API: GET /api/v2/calendar-events/ with `updated_at__gte` (the sync_events follow-up) and with `calendar_id`,
// on a database holding N events (bulk-loaded with one INSERT … SELECT generate_series), served by a real
// `rollcall api` process. Latency at a constant arrival rate, then peak throughput with a closed loop. Baseline: a
// bare Fastify route in its own process running the same listEvents SQL.
import { round, type Scenario, type Size, type Target } from '../scenario.js';
import { machineDatabase, type BenchDatabase } from '../support/db.js';
import { closedLoop, constantRate, type LoadFigures } from '../support/load.js';
import { createBenchWorkspace, freePort, runScript, startRollcall, stopProcess } from '../support/rollcall.js';
import { waitForOutput } from '../../test/helpers/process.js';

/** `rate`: the target's arrival rate; `easyRate`: a rate this 2-core box sustains, to show latency below saturation. */
const SIZES: Record<Size, { events: number; calendars: number; rate: number; easyRate: number; seconds: number; peakSeconds: number }> = {
  smoke: { events: 5000, calendars: 5, rate: 50, easyRate: 20, seconds: 0.5, peakSeconds: 0.5 },
  small: { events: 200_000, calendars: 50, rate: 500, easyRate: 100, seconds: 5, peakSeconds: 4 },
  full: { events: 1_000_000, calendars: 100, rate: 500, easyRate: 100, seconds: 10, peakSeconds: 5 },
};
const PEAK_CONCURRENCY = 16;
/** Rows per "sync batch" in the loaded data: each updated_at value is shared by this many events. */
const BATCH = 20;
/** `updated_at__gte` is one of the latest this many batch timestamps: a client up to date or a little behind. */
const RECENT_BATCHES = 50;

/**
 * N events over `calendars` calendars; updated_at rises in batches of 20 over the past 30 days, in an order
 * unrelated to start_time (a permutation), as sync batches touch events anywhere in the calendar.
 */
async function load(db: BenchDatabase, workspaceId: string, events: number, calendars: number): Promise<{ calendarIds: string[]; batchTimes: Date[] }> {
  const calendarIds = (await db.pool.query<{ id: string }>(
    `INSERT INTO calendars (workspace_id, platform, oauth_client_id_enc, oauth_client_secret_enc, oauth_refresh_token_enc, status, platform_email)
     SELECT $1, 'google_calendar', 'x', 'x', 'x', 'connected', 'user' || g || '@bench.example' FROM generate_series(1, $2) g RETURNING id`,
    [workspaceId, calendars])).rows.map((r) => r.id);
  await db.pool.query(
    `INSERT INTO calendar_events (workspace_id, calendar_id, platform_id, ical_uid, start_time, end_time, is_all_day, meeting_url, meeting_platform,
                                  raw, content_hash, created_at, updated_at)
     SELECT $1, ($2::uuid[])[1 + g % $4], 'ev' || g, 'ev' || g || '@google.com', st, st + interval '30 minutes', false,
            'https://zoom.us/j/' || (8000000000 + g), 'zoom',
            jsonb_build_object('id', 'ev' || g, 'kind', 'calendar#event', 'status', 'confirmed', 'summary', 'Meeting ' || g,
                               'description', 'Agenda: review the numbers, decide the next steps.',
                               'start', jsonb_build_object('dateTime', st), 'end', jsonb_build_object('dateTime', st + interval '30 minutes'),
                               'attendees', jsonb_build_array(jsonb_build_object('email', 'guest' || g % 7 || '@example.com', 'responseStatus', 'accepted'),
                                                               jsonb_build_object('email', 'peer' || g % 11 || '@example.org', 'responseStatus', 'needsAction')),
                               'conferenceData', jsonb_build_object('entryPoints', jsonb_build_array(jsonb_build_object('uri', 'https://zoom.us/j/' || (8000000000 + g))))),
            md5(g::text), ut, ut
       FROM (SELECT g, now() - interval '1 day' + ((g::bigint * 7919) % 10000) * interval '4 minutes' AS st,
                    date_trunc('milliseconds', now() - interval '30 days' + (g / ${BATCH}) * (interval '30 days' / ($3::int / ${BATCH} + 1))) AS ut
               FROM generate_series(1, $3) g) s`,
    [workspaceId, calendarIds, events, calendars],
  );
  await db.pool.query('ANALYZE calendar_events');
  await db.pool.query('ANALYZE calendars');
  const batchTimes = (await db.pool.query<{ t: Date }>(
    `SELECT DISTINCT updated_at AS t FROM calendar_events ORDER BY 1 DESC LIMIT ${RECENT_BATCHES}`)).rows.map((r) => r.t);
  return { calendarIds, batchTimes };
}

interface Runs {
  updated: LoadFigures;
  calendar: LoadFigures;
  updatedEasy: LoadFigures;
  calendarEasy: LoadFigures;
  updatedPeak: LoadFigures;
  calendarPeak: LoadFigures;
}

async function drive(origin: string, pathOf: (q: string) => string, headers: Record<string, string>, s: (typeof SIZES)[Size], ids: string[], times: Date[]): Promise<Runs> {
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
  // A client following calendar.sync_events webhooks: a recent batch's timestamp (1–50 batches back).
  const updated = () => pathOf(`updated_at__gte=${encodeURIComponent(pick(times).toISOString())}`);
  const calendar = () => pathOf(`calendar_id=${pick(ids)}`);
  const warm = Math.min(1, s.seconds); // warm-up: connections, plans, caches
  await closedLoop(origin, updated, headers, 4, warm);
  await closedLoop(origin, calendar, headers, 4, warm);
  return {
    updatedEasy: await constantRate(origin, updated, headers, s.easyRate, s.seconds),
    calendarEasy: await constantRate(origin, calendar, headers, s.easyRate, s.seconds),
    updated: await constantRate(origin, updated, headers, s.rate, s.seconds),
    calendar: await constantRate(origin, calendar, headers, s.rate, s.seconds),
    updatedPeak: await closedLoop(origin, updated, headers, PEAK_CONCURRENCY, s.peakSeconds),
    calendarPeak: await closedLoop(origin, calendar, headers, PEAK_CONCURRENCY, s.peakSeconds),
  };
}

function flatten(r: Runs, rate: number, easyRate: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, f, keys] of [
    [`updated_at__gte @${easyRate}/s`, r.updatedEasy, ['p50_ms', 'p99_ms', 'errors']],
    [`calendar_id @${easyRate}/s`, r.calendarEasy, ['p50_ms', 'p99_ms', 'errors']],
    [`updated_at__gte @${rate}/s`, r.updated, ['p50_ms', 'p99_ms', 'max_ms', 'errors']],
    [`calendar_id @${rate}/s`, r.calendar, ['p50_ms', 'p99_ms', 'max_ms', 'errors']],
    ['updated_at__gte peak', r.updatedPeak, ['rps', 'p50_ms', 'errors']],
    ['calendar_id peak', r.calendarPeak, ['rps', 'p50_ms', 'errors']],
  ] as [string, LoadFigures, (keyof LoadFigures)[]][]) {
    for (const k of keys) out[`${name}: ${k}`] = f[k];
  }
  return out;
}

export const api: Scenario = {
  name: 'api',
  description: 'GET /api/v2/calendar-events/ (updated_at__gte, calendar_id) over many events: latency at a fixed rate and peak throughput vs a bare Fastify route',
  async run(size) {
    const s = SIZES[size];
    const db = await machineDatabase(4);
    try {
      const ws = await createBenchWorkspace(db.pool);
      const loadStarted = Date.now();
      const { calendarIds, batchTimes } = await load(db, ws.id, s.events, s.calendars);
      const loadSeconds = round((Date.now() - loadStarted) / 1000);

      const rc = await startRollcall('api', db.url);
      let mine: Runs;
      try {
        mine = await drive(rc.base!, (q) => `/api/v2/calendar-events/?${q}`, { authorization: ws.auth }, s, calendarIds, batchTimes);
      } finally {
        await rc.stop();
      }
      const port = await freePort();
      const bare = runScript('bench/baselines/api-server.ts', { DATABASE_URL: db.url, WORKSPACE_ID: ws.id, PORT: String(port) });
      let base: Runs;
      try {
        await waitForOutput(bare, /baseline api ready/, 120_000);
        base = await drive(`http://127.0.0.1:${port}`, (q) => `/events?${q}`, {}, s, calendarIds, batchTimes);
      } finally {
        await stopProcess(bare);
      }
      const targets: Target[] = [];
      const pairs: [string, LoadFigures, LoadFigures, LoadFigures][] = [
        ['updated_at__gte', mine.updated, mine.updatedPeak, base.updatedPeak],
        ['calendar_id', mine.calendar, mine.calendarPeak, base.calendarPeak],
      ];
      for (const [name, fixed, peak, basePeak] of pairs) {
        targets.push({ name: `${name}: p99 at ${s.rate} req/s`, goal: '≤ 20 ms', actual: Number.isFinite(fixed.p99_ms) ? `${fixed.p99_ms} ms` : '∞ (requests unanswered)', pass: fixed.p99_ms <= 20 && fixed.errors === 0 });
        targets.push({ name: `${name}: peak throughput vs baseline`, goal: '≥ 50%', actual: `${round((100 * peak.rps) / basePeak.rps)}%`, pass: peak.rps >= basePeak.rps / 2 && peak.errors === 0 });
      }
      return {
        rollcall: { events: s.events, calendars: s.calendars, load_seconds: loadSeconds, ...flatten(mine, s.rate, s.easyRate) },
        baseline: { events: s.events, calendars: s.calendars, ...flatten(base, s.rate, s.easyRate) },
        targets,
        notes: [
          `Constant-rate latency is measured from each request's scheduled send time (undici, up to 64 connections; requests unanswered 5 s after the last was due are abandoned and counted as errors with infinite latency); peak throughput is a closed loop of ${PEAK_CONCURRENCY} connections. Pages of 100; \`rollcall api\` with RATE_LIMIT_ENABLED=false and LOG_LEVEL=warn, load generator in the bench process on the same machine.`,
          `updated_at__gte takes a random one of the ${RECENT_BATCHES} latest sync-batch timestamps (batches of ${BATCH} rows; so 20–${RECENT_BATCHES * BATCH} rows match, first page of up to 100 returned), as a client following calendar.sync_events does; calendar_id a random calendar's first page.`,
        ],
      };
    } finally {
      await db.drop();
    }
  },
};
