// 3. Change to webhook: calendars connected with push channels to a real `rollcall serve` (SYNC_DEBOUNCE_MS=0);
// each gets one change at the Google emulator, which pushes a notification; we time change → the
// `calendar.sync_events` webhook for that calendar arriving at a local receiver. Changes are paced (steady
// stream), then repeated as one burst (every calendar at once) for information.
import type { CreatedAccount } from '../../src/sandbox/shared/control-types.js';
import { percentile, round, type Scenario, type Size } from '../scenario.js';
import { machineDatabase } from '../support/db.js';
import { createAccount, googleEnv, seedEvents, startGoogleEmulator } from '../support/google.js';
import { startReceiver } from '../support/receiver.js';
import { apiCall, createBenchWorkspace, sleep, startRollcall, waitFor } from '../support/rollcall.js';

const SIZES: Record<Size, { calendars: number; perSecond: number; pauseMs: number }> = {
  smoke: { calendars: 5, perSecond: 20, pauseMs: 200 },
  small: { calendars: 50, perSecond: 20, pauseMs: 1000 },
  full: { calendars: 200, perSecond: 20, pauseMs: 1000 },
};

export const changeToWebhook: Scenario = {
  name: 'change-to-webhook',
  description: 'provider change → push → sync → calendar.sync_events webhook at a local receiver (SYNC_DEBOUNCE_MS=0)',
  async run(size) {
    const s = SIZES[size];
    const db = await machineDatabase(4);
    const g = await startGoogleEmulator();
    const rc = await startRollcall('serve', db.url, { ...googleEnv(g), SYNC_DEBOUNCE_MS: '0' });
    // calendar id → arrival times of its calendar.sync_events webhooks
    const arrivals = new Map<string, number[]>();
    const receiver = await startReceiver(({ at, body }) => {
      if (body?.event !== 'calendar.sync_events') return;
      const list = arrivals.get(body.data.calendar_id) ?? [];
      list.push(at);
      arrivals.set(body.data.calendar_id, list);
    });
    try {
      const ws = await createBenchWorkspace(db.pool);
      const ep = await apiCall(rc.base!, ws.auth, 'POST', '/api/v2/webhook-endpoints/', { url: `${receiver.url}/hooks`, event_types: ['calendar.sync_events'] });
      if (ep.status !== 201) throw new Error(`webhook endpoint: ${ep.status} ${JSON.stringify(ep.body)}`);
      const cals: { id: string; email: string; eventId: string }[] = [];
      const accounts: CreatedAccount[] = [];
      for (let i = 0; i < s.calendars; i++) {
        const email = `hook${i}@bench.example`;
        accounts.push(await createAccount(g, email));
      }
      await Promise.all(accounts.map(async (a, i) => {
        const [eventId] = seedEvents(g, a.email, 5, i);
        const res = await apiCall(rc.base!, ws.auth, 'POST', '/api/v2/calendars/', {
          platform: 'google_calendar', oauth_client_id: a.client_id, oauth_client_secret: a.client_secret, oauth_refresh_token: a.refresh_token,
        });
        if (res.status !== 201) throw new Error(`create calendar: ${res.status} ${JSON.stringify(res.body)}`);
        cals.push({ id: res.body.id, email: a.email, eventId });
      }));
      const ids = cals.map((c) => c.id);
      await waitFor('push channels', async () =>
        (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM calendars WHERE id = ANY($1) AND push_expires_at IS NOT NULL', [ids])).rows[0].n === ids.length, 300_000, 200);
      await waitFor('first webhooks', async () => ids.every((id) => arrivals.has(id)), 120_000, 200);
      await sleep(s.pauseMs);

      const round1 = async (paced: boolean, summary: string): Promise<number[]> => {
        for (const id of ids) arrivals.delete(id);
        const changedAt = new Map<string, number>();
        const gap = 1000 / s.perSecond;
        const start = Date.now();
        for (const [i, c] of cals.entries()) {
          if (paced) {
            const wait = start + i * gap - Date.now();
            if (wait > 0) await sleep(wait);
          }
          changedAt.set(c.id, Date.now());
          g.events.patch(c.email, c.eventId, { summary: `${summary} ${i}` });
        }
        await waitFor('change webhooks', async () => ids.every((id) => arrivals.has(id)), 120_000, 50).catch(() => undefined);
        return ids.filter((id) => arrivals.has(id)).map((id) => arrivals.get(id)![0] - changedAt.get(id)!);
      };
      const paced = await round1(true, 'Paced change');
      await sleep(s.pauseMs);
      const burst = await round1(false, 'Burst change');
      const fig = (l: number[]) => ({ p50_ms: round(percentile(l, 50)), p99_ms: round(percentile(l, 99)), max_ms: round(Math.max(...l)), received: l.length });
      const p = fig(paced);
      const b = fig(burst);
      return {
        rollcall: {
          calendars: s.calendars,
          [`paced ${s.perSecond}/s: p50_ms`]: p.p50_ms, [`paced ${s.perSecond}/s: p99_ms`]: p.p99_ms, [`paced ${s.perSecond}/s: max_ms`]: p.max_ms, [`paced ${s.perSecond}/s: webhooks`]: p.received,
          'burst (all at once): p50_ms': b.p50_ms, 'burst (all at once): p99_ms': b.p99_ms, 'burst (all at once): max_ms': b.max_ms, 'burst (all at once): webhooks': b.received,
        },
        baseline: {},
        targets: [
          { name: `paced: change → webhook p99`, goal: '≤ 1000 ms', actual: `${p.p99_ms} ms`, pass: p.p99_ms <= 1000 },
          { name: 'every change reported', goal: `${s.calendars} + ${s.calendars}`, actual: p.received + b.received, pass: p.received === s.calendars && b.received === s.calendars },
        ],
        notes: [
          'Measured from the change at the emulator, so it includes the emulator\'s 25 ms push coalescing; no baseline (the target is absolute).',
          'Each calendar has its own push channel; notification → `sync:<id>` job → incremental pass → outbox → delivery job → receiver.',
        ],
      };
    } finally {
      await rc.stop();
      await receiver.close();
      await g.close();
      await db.drop();
    }
  },
};
