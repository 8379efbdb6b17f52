// Measures a full sync of a 5,000-event Google calendar and an incremental sync of one change in it (provider
// calls and rows written). Figures are printed to stderr; bounds are generous so a loaded machine passes, the
// per-change costs are exact.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const list = (x: any): any[] => (Array.isArray(x) ? x : x.value);
const EVENTS = 5000;

it('full sync of 5,000 events and an incremental sync of one change', async () => {
  const email = 'big@example.com';
  const platform = 'google_calendar';
  const account = await h.createAccount(platform, email);
  const base = Date.now() + 3_600_000;
  const minutes = Math.floor((27 * 86_400_000) / EVENTS / 60_000);
  for (let i = 0; i < EVENTS; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, EVENTS - i) }, (_, j) => {
        const start = new Date(base + (i + j) * minutes * 60_000);
        start.setUTCSeconds(0, 0);
        return h.control(platform, 'POST', `/accounts/${email}/events`, {
          summary: `Meeting ${i + j}`,
          start: start.toISOString(),
          end: new Date(start.getTime() + 30 * 60_000).toISOString(),
          conferenceUrl: `https://zoom.us/j/${8_000_000_000 + i + j}`,
        });
      }),
    );
  }
  const requestCount = async () => list(await h.control(platform, 'GET', `/requests?account=${email}&limit=100000`)).length;

  const started = Date.now();
  const cal = await h.connect(platform, account);
  const count = async () => Number((await h.ctx.deps.pool.query('SELECT count(*) FROM calendar_events WHERE calendar_id = $1', [cal.id])).rows[0].count);
  await h.waitFor('5,000 events stored', async () => (await count()) === EVENTS, 120_000);
  const fullMs = Date.now() - started;
  await h.waitFor('push channel', async () => (await h.api('GET', `/api/v2/calendars/${cal.id}/`)).body.push_channel_expires_at);
  await new Promise((r) => setTimeout(r, 500));

  const requestsBefore = await requestCount();
  const rowsBefore = (await h.ctx.deps.pool.query('SELECT max(updated_at) AS t FROM calendar_events WHERE calendar_id = $1', [cal.id])).rows[0].t as Date;
  const target = list(await h.control(platform, 'GET', `/accounts/${email}/events`))[1234];
  const changeStarted = Date.now();
  await h.control(platform, 'PATCH', `/accounts/${email}/events/${target.id}`, { summary: 'Moved meeting' });
  await h.waitFor('change synced', async () => {
    const r = await h.ctx.deps.pool.query(`SELECT count(*) FROM calendar_events WHERE calendar_id = $1 AND raw->>'summary' = 'Moved meeting'`, [cal.id]);
    return Number(r.rows[0].count) === 1;
  });
  const incrementalMs = Date.now() - changeStarted;
  await new Promise((r) => setTimeout(r, 300));
  const providerCalls = (await requestCount()) - requestsBefore;
  const written = Number((await h.ctx.deps.pool.query('SELECT count(*) FROM calendar_events WHERE calendar_id = $1 AND updated_at > $2', [cal.id, rowsBefore])).rows[0].count);

  const figures = { events: EVENTS, full_sync_ms: fullMs, events_per_second: Math.round((EVENTS * 1000) / fullMs), incremental_ms: incrementalMs, incremental_provider_calls: providerCalls, incremental_rows_written: written };
  process.stderr.write(`calendar sync figures: ${JSON.stringify(figures)}\n`);
  expect(written).toBe(1);
  expect(providerCalls).toBeLessThanOrEqual(2);
  expect(fullMs).toBeLessThan(120_000);
}, 300_000);
