// A 10,000-event calendar lists in pages quickly, and an incremental sync after a few changes returns only
// those changes. Prints the measured figures; the bounds are generous for a loaded 2-core machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
  const base = Date.UTC(2030, 0, 1);
  for (let i = 0; i < 10_000; i++) {
    const start = base + i * 1_800_000;
    h.em.events.create(h.account.email, { summary: `Event ${i}`, start: new Date(start).toISOString(), end: new Date(start + 1_500_000).toISOString() });
  }
});
afterAll(async () => {
  await h.em.close();
});

describe('10k-event calendar', () => {
  it('lists in pages of 2500 and of 250, then syncs incrementally', async () => {
    let t0 = performance.now();
    const big = await h.listAll({ singleEvents: 'true', maxResults: '2500' });
    const bigMs = performance.now() - t0;
    expect(big.items).toHaveLength(10_000);
    expect(big.pages).toHaveLength(4);

    t0 = performance.now();
    const small = await h.listAll({ singleEvents: 'true' });
    const smallMs = performance.now() - t0;
    expect(small.pages).toHaveLength(40);

    const ids = small.items.slice(0, 10).map((i) => i.id);
    for (const id of ids) h.em.events.patch(h.account.email, id, { summary: 'changed' });
    t0 = performance.now();
    const inc = await h.listAll({ singleEvents: 'true', syncToken: small.nextSyncToken, maxResults: '2500' });
    const incMs = performance.now() - t0;
    expect(inc.items.map((i) => i.id)).toEqual(ids);

    process.stdout.write(
      `google emulator 10k events: 4 pages x 2500 in ${bigMs.toFixed(0)} ms; 40 pages x 250 in ${smallMs.toFixed(0)} ms; ` +
        `incremental (10 changes) in ${incMs.toFixed(1)} ms\n`,
    );
    expect(bigMs).toBeLessThan(30_000);
    expect(smallMs).toBeLessThan(30_000);
  }, 120_000);
});
