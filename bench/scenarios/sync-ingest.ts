// 2. Sync ingest: a full sync of one big calendar and of many calendars at once, from the Google emulator over
// HTTP into a real `rollcall serve` process, in events per second end to end (POST /api/v2/calendars/ → the pass
// committed). Baseline: the same normalised rows, read back, inserted in one INSERT statement. Then one change
// in the big calendar: provider requests and rows written by the incremental pass.
import type { CreatedAccount } from '../../src/sandbox/shared/control-types.js';
import { round, type Scenario, type Size } from '../scenario.js';
import { machineDatabase, type BenchDatabase } from '../support/db.js';
import { createAccount, googleEnv, seedEvents, startGoogleEmulator, type GoogleEmulator } from '../support/google.js';
import { apiCall, createBenchWorkspace, sleep, startRollcall, waitFor } from '../support/rollcall.js';

const SIZES: Record<Size, { big: number; calendars: number; perCalendar: number }> = {
  smoke: { big: 300, calendars: 4, perCalendar: 50 },
  small: { big: 10_000, calendars: 20, perCalendar: 500 },
  full: { big: 10_000, calendars: 100, perCalendar: 500 },
};

async function connect(base: string, auth: string, a: CreatedAccount): Promise<string> {
  const res = await apiCall(base, auth, 'POST', '/api/v2/calendars/', {
    platform: 'google_calendar',
    oauth_client_id: a.client_id,
    oauth_client_secret: a.client_secret,
    oauth_refresh_token: a.refresh_token,
  });
  if (res.status !== 201) throw new Error(`create calendar: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Waits until every calendar finished its first pass; returns the latest pass end (ms). */
async function synced(db: BenchDatabase, ids: string[]): Promise<number> {
  return waitFor('first passes', async () => {
    const r = await db.pool.query<{ n: number; last: Date | null }>(
      `SELECT count(*)::int AS n, max(last_sync_at) AS last FROM calendars WHERE id = ANY($1) AND status = 'connected' AND last_sync_at IS NOT NULL`, [ids]);
    return r.rows[0].n === ids.length ? r.rows[0].last!.getTime() : null;
  }, 600_000, 50);
}

async function countRows(db: BenchDatabase, ids: string[]): Promise<number> {
  return (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM calendar_events WHERE calendar_id = ANY($1) AND NOT is_deleted', [ids])).rows[0].n;
}

/** The baseline: the rows rollcall stored for `ids`, inserted again (under a baseline calendar) in one statement. */
async function bulkInsertBaseline(db: BenchDatabase, workspaceId: string, ids: string[]): Promise<{ rows: number; ms: number }> {
  const rows = (await db.pool.query(
    `SELECT platform_id || '/' || calendar_id AS platform_id, ical_uid, start_time, end_time, is_all_day, meeting_url, meeting_platform, raw::text AS raw, content_hash
       FROM calendar_events WHERE calendar_id = ANY($1)`, [ids])).rows;
  const cal = (await db.pool.query<{ id: string }>(
    `INSERT INTO calendars (workspace_id, platform, oauth_client_id_enc, oauth_client_secret_enc, oauth_refresh_token_enc, status)
     VALUES ($1, 'google_calendar', 'x', 'x', 'x', 'connected') RETURNING id`, [workspaceId])).rows[0].id;
  const col = (k: string) => rows.map((r) => r[k]);
  const started = performance.now();
  await db.pool.query(
    `INSERT INTO calendar_events (workspace_id, calendar_id, platform_id, ical_uid, start_time, end_time, is_all_day, meeting_url, meeting_platform, raw, content_hash)
     SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::boolean[], $8::text[], $9::text[], $10::jsonb[], $11::text[])`,
    [workspaceId, cal, col('platform_id'), col('ical_uid'), col('start_time'), col('end_time'), col('is_all_day'), col('meeting_url'), col('meeting_platform'), col('raw'), col('content_hash')],
  );
  return { rows: rows.length, ms: performance.now() - started };
}

/** One event changed at the provider (push → notification → incremental pass): requests and rows it cost. */
async function oneChange(db: BenchDatabase, g: GoogleEmulator, email: string, calendarId: string, eventId: string, settleMs: number) {
  await waitFor('push channel', async () => (await db.pool.query('SELECT push_expires_at FROM calendars WHERE id = $1', [calendarId])).rows[0].push_expires_at, 60_000);
  await sleep(settleMs / 2);
  const before = g.requests.list({ account: email }).length;
  const mark = (await db.pool.query<{ t: Date }>('SELECT max(updated_at) AS t FROM calendar_events WHERE calendar_id = $1', [calendarId])).rows[0].t;
  const started = Date.now();
  g.events.patch(email, eventId, { summary: 'Moved meeting' });
  await waitFor('change synced', async () =>
    (await db.pool.query(`SELECT 1 FROM calendar_events WHERE calendar_id = $1 AND raw->>'summary' = 'Moved meeting'`, [calendarId])).rowCount, 60_000, 20);
  const ms = Date.now() - started;
  await sleep(settleMs); // requests or writes the pass may still make
  const requests = g.requests.list({ account: email }).length - before;
  const rows = (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM calendar_events WHERE calendar_id = $1 AND updated_at > $2', [calendarId, mark])).rows[0].n;
  return { ms, requests, rows };
}

export const syncIngest: Scenario = {
  name: 'sync-ingest',
  description: 'full sync of one big calendar and of many calendars at once (events/s end to end) vs a one-statement bulk insert; cost of one change',
  async run(size) {
    const s = SIZES[size];
    const db = await machineDatabase(4);
    const g = await startGoogleEmulator();
    const rc = await startRollcall('serve', db.url, { ...googleEnv(g), SYNC_DEBOUNCE_MS: '0' });
    try {
      const ws = await createBenchWorkspace(db.pool);
      // One big calendar.
      const bigEmail = 'big@bench.example';
      const bigAccount = await createAccount(g, bigEmail);
      const bigIds = seedEvents(g, bigEmail, s.big);
      const t0 = Date.now();
      const bigCal = await connect(rc.base!, ws.auth, bigAccount);
      const bigMs = (await synced(db, [bigCal])) - t0;
      const bigRows = await countRows(db, [bigCal]);
      // Many calendars at once.
      const accounts: CreatedAccount[] = [];
      for (let i = 0; i < s.calendars; i++) {
        const email = `user${i}@bench.example`;
        accounts.push(await createAccount(g, email));
        seedEvents(g, email, s.perCalendar, i + 1);
      }
      const t1 = Date.now();
      const manyCals = await Promise.all(accounts.map((a) => connect(rc.base!, ws.auth, a)));
      const manyMs = (await synced(db, manyCals)) - t1;
      const manyRows = await countRows(db, manyCals);
      // One change in the big calendar.
      const change = await oneChange(db, g, bigEmail, bigCal, bigIds[Math.floor(bigIds.length / 2)], size === 'smoke' ? 300 : 1000);
      // Baselines.
      const bBig = await bulkInsertBaseline(db, ws.id, [bigCal]);
      const bMany = await bulkInsertBaseline(db, ws.id, manyCals);

      const rate = (rows: number, ms: number) => Math.round((rows * 1000) / ms);
      const bigRate = rate(bigRows, bigMs);
      const manyRate = rate(manyRows, manyMs);
      const bBigRate = rate(bBig.rows, bBig.ms);
      const bManyRate = rate(bMany.rows, bMany.ms);
      return {
        rollcall: {
          [`1×${s.big}: events`]: bigRows, [`1×${s.big}: seconds`]: round(bigMs / 1000, 2), [`1×${s.big}: events_per_s`]: bigRate,
          [`${s.calendars}×${s.perCalendar}: events`]: manyRows, [`${s.calendars}×${s.perCalendar}: seconds`]: round(manyMs / 1000, 2), [`${s.calendars}×${s.perCalendar}: events_per_s`]: manyRate,
          'one change: provider_requests': change.requests, 'one change: rows_written': change.rows, 'one change: notification→row_ms': change.ms,
        },
        baseline: {
          [`1×${s.big}: events`]: bBig.rows, [`1×${s.big}: seconds`]: round(bBig.ms / 1000, 3), [`1×${s.big}: events_per_s`]: bBigRate,
          [`${s.calendars}×${s.perCalendar}: events`]: bMany.rows, [`${s.calendars}×${s.perCalendar}: seconds`]: round(bMany.ms / 1000, 3), [`${s.calendars}×${s.perCalendar}: events_per_s`]: bManyRate,
        },
        targets: [
          { name: `1×${s.big} rate vs baseline`, goal: '≥ 50%', actual: `${round((100 * bigRate) / bBigRate)}%`, pass: bigRate >= bBigRate / 2 },
          { name: `${s.calendars}×${s.perCalendar} rate vs baseline`, goal: '≥ 50%', actual: `${round((100 * manyRate) / bManyRate)}%`, pass: manyRate >= bManyRate / 2 },
          { name: 'one change: provider requests', goal: 'O(1) (≤ 2)', actual: change.requests, pass: change.requests <= 2 },
          { name: 'one change: rows written', goal: '1', actual: change.rows, pass: change.rows === 1 },
          { name: `all events stored`, goal: `${s.big} + ${s.calendars * s.perCalendar}`, actual: bigRows + manyRows, pass: bigRows === s.big && manyRows === s.calendars * s.perCalendar },
        ],
        notes: [
          'rollcall: a `rollcall serve` process (defaults: WORKER_CONCURRENCY 8, pool 10) fetching from the in-repo Google emulator over HTTP; time from POST /api/v2/calendars/ to the pass committed (last_sync_at).',
          'baseline: the same rows (as rollcall stored them) in one INSERT … SELECT FROM unnest(…) into the same table and indexes, from the bench process; no fetching, parsing, link detection or hashing.',
        ],
      };
    } finally {
      await rc.stop();
      await g.close();
      await db.drop();
    }
  },
};
