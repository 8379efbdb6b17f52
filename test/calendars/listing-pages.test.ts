// A full listing asks the provider for its largest page (Google: 2,500 items), so a big calendar costs a few
// sequential round trips instead of one per 250 events (found by the sync-ingest benchmark: 40 → 4 requests
// for 10,000 events, about half the pass time).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ PUSH_ENABLED: 'false' });
});
afterAll(async () => {
  await h?.close();
});

it('lists 1,200 events of a Google calendar in one page request', async () => {
  const email = 'pages@example.com';
  const account = await h.createAccount('google_calendar', email);
  const base = Math.ceil((Date.now() + 3_600_000) / 60_000) * 60_000;
  for (let i = 0; i < 1200; i++) {
    const start = base + i * 30 * 60_000;
    h.google.events.create(email, { summary: `M${i}`, start: new Date(start).toISOString(), end: new Date(start + 15 * 60_000).toISOString() });
  }
  const cal = await h.connect('google_calendar', account);
  await h.waitFor('1,200 events stored', async () =>
    Number((await h.ctx.deps.pool.query('SELECT count(*) FROM calendar_events WHERE calendar_id = $1', [cal.id])).rows[0].count) === 1200, 60_000);
  const listings = h.google.requests.list({ account: email }).filter((r) => r.method === 'GET' && /\/calendars\/[^/]+\/events$/.test(r.path.split('?')[0]));
  expect(listings).toHaveLength(1);
}, 120_000);
