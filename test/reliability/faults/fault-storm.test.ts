// Provider faults through the emulators' fault injection, on both providers, while events keep changing: 429 storms
// with Retry-After, 5xx bursts, requests that never answer (timeouts), 410 on sync tokens, dropped / duplicated /
// reordered notifications, Graph subscriptionRemoved / reauthorizationRequired / missed, and a grant revoked mid-run
// (then reconnected). The final state equals a clean sync, and no request reaches the provider before a Retry-After
// it was given has passed (checked on the emulator's request log). Extends test/calendars/faults.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setProviderFactoryOverride } from '../../../src/calendars/provider-for.js';
import { providerFor } from '../../../src/providers/index.js';
import type { FaultInput, RequestLogEntry } from '../../../src/sandbox/shared/control-types.js';
import { hoursFromNow, startHarness, type Harness, type Platform } from '../../calendars/harness.js';
import { reportFigures, sized } from '../../helpers/reliability-size.js';

const ROUNDS = sized(10, 60);
const RETRY_AFTER_S = 2;
const list = (x: any): any[] => (Array.isArray(x) ? x : x.value ?? x.items);
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

let h: Harness;
beforeAll(async () => {
  // Provider requests time out after 1.5 s here (30 s by default) so injected timeouts cost little test time.
  setProviderFactoryOverride((platform, config) => providerFor(platform, config, { timeoutMs: 1500 }));
  h = await startHarness({ SYNC_SAFETY_NET_SECONDS: '2', SYNC_POLL_SECONDS: '2', SYNC_MAX_BACKOFF_SECONDS: '2' });
});
afterAll(async () => {
  setProviderFactoryOverride(null);
  await h?.close();
});

async function liveSet(calendarId: string): Promise<string[]> {
  const rows = await h.allEvents(calendarId, '&is_deleted=false');
  return rows.map((e) => `${e.platform_id}|${e.start_time}|${e.end_time}|${e.raw.summary ?? e.raw.subject}`).sort();
}

async function status(id: string): Promise<any> {
  return (await h.api('GET', `/api/v2/calendars/${id}/`)).body;
}

/** Requests sent to the account before a Retry-After it was answered had passed (push-channel upkeep included). */
function earlyRequests(log: RequestLogEntry[]): string[] {
  const out: string[] = [];
  for (const [i, r] of log.entries()) {
    if (r.status !== 429) continue;
    const until = Date.parse(r.at) + RETRY_AFTER_S * 1000;
    for (const next of log.slice(i + 1)) {
      const t = Date.parse(next.at);
      if (t >= until - 50) break;
      out.push(`${next.method} ${next.path} ${t - Date.parse(r.at)} ms after a 429 on ${r.path}`);
    }
  }
  return out;
}

describe.each<Platform>(['google_calendar', 'microsoft_outlook'])('%s', (platform) => {
  it('converges to a clean sync through a fault storm and a revoked grant, and respects Retry-After', async () => {
    const email = `storm-${platform}-${Math.random().toString(36).slice(2, 6)}@example.com`;
    const account = await h.createAccount(platform, email);
    await h.control(platform, 'POST', `/accounts/${email}/seed-week`, { seed: 11 });
    const cal = await h.connect(platform, account);
    await h.waitFor('connected with push', async () => (await status(cal.id)).push_channel_expires_at, 30_000);
    const mine: string[] = []; // single timed events this test created, the ones it moves, renames and cancels
    const faults: Record<string, number> = {};
    let changes = 0;
    const change = async () => {
      const n = ++changes;
      const op = Math.floor(Math.random() * 4);
      if (op === 0 || mine.length < 3) {
        const ev = await h.control(platform, 'POST', `/accounts/${email}/events`, { summary: `Storm ${n}`, start: hoursFromNow(3 + n), end: hoursFromNow(4 + n) });
        mine.push(ev.id);
      } else if (op === 1) {
        await h.control(platform, 'PATCH', `/accounts/${email}/events/${pick(mine)}`, { summary: `Renamed ${n}` });
      } else if (op === 2) {
        await h.control(platform, 'PATCH', `/accounts/${email}/events/${pick(mine)}`, { start: hoursFromNow(50 + n), end: hoursFromNow(51 + n) });
      } else {
        await h.control(platform, 'POST', `/accounts/${email}/events/${mine.splice(Math.floor(Math.random() * mine.length), 1)[0]}/cancel`);
      }
    };
    const inject = async (kind: string, f: Omit<FaultInput, 'account'>) => {
      faults[kind] = (faults[kind] ?? 0) + (f.count ?? 1);
      await h.control(platform, 'POST', '/faults', { ...f, account: email });
    };
    const lifecycle = async (event: string) => {
      const subs = list(await h.control(platform, 'GET', '/channels')).filter((s: any) => JSON.stringify(s).includes(email));
      if (subs.length === 0) return;
      faults[event] = (faults[event] ?? 0) + 1;
      await h.control(platform, 'POST', `/subscriptions/${subs[0].id}/lifecycle`, { event });
    };

    const kinds = [
      () => inject('rate_limit', { kind: 'rate_limit', retryAfter: RETRY_AFTER_S, count: 2 + Math.floor(Math.random() * 4) }),
      () => inject('error_5xx', { kind: 'error', status: pick([500, 502, 503]), count: 2 + Math.floor(Math.random() * 3) }),
      () => inject('timeout', { kind: 'timeout', count: 1 }),
      async () => {
        faults.sync_token_410 = (faults.sync_token_410 ?? 0) + 1;
        await h.control(platform, 'POST', `/accounts/${email}/expire-sync-state`);
      },
      () => inject('drop_notifications', { kind: 'drop_notifications', count: 3 }),
      () => inject('duplicate_notifications', { kind: 'duplicate_notifications', count: 3 }),
      () => inject('reorder_notifications', { kind: 'reorder_notifications', count: 3 }),
      ...(platform === 'microsoft_outlook' ? [() => lifecycle('subscriptionRemoved'), () => lifecycle('reauthorizationRequired'), () => lifecycle('missed')] : []),
    ];
    for (let round = 0; round < ROUNDS; round++) {
      // Every kind at least once (in a shuffled order per cycle), then more of them at random.
      if (round % kinds.length === 0) kinds.sort(() => Math.random() - 0.5);
      await kinds[round % kinds.length]();
      for (let i = 0; i < 1 + Math.floor(Math.random() * 3); i++) await change();
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 600));
    }

    // The storm ends (faults still pending — a large run leaves many — would only delay what follows by backoff);
    // then the grant is revoked: the calendar is disconnected; changes made meanwhile arrive after reconnecting.
    await h.control(platform, 'DELETE', '/faults');
    faults.revoked_grant = 1;
    await h.control(platform, 'POST', `/accounts/${email}/revoke`);
    await change();
    const disconnected = await h.waitFor('disconnected after revocation', async () => {
      const s = await status(cal.id);
      return s.status === 'disconnected' ? s : null;
    }, 30_000);
    expect(disconnected.status_changes.at(-1).status).toBe('disconnected');
    await change();
    const fresh = await h.createAccount(platform, email);
    const patched = await h.api('PATCH', `/api/v2/calendars/${cal.id}/`, { oauth_refresh_token: fresh.refresh_token });
    expect(patched.status).toBe(200);
    await h.waitFor('reconnected', async () => (await status(cal.id)).status === 'connected', 30_000).catch(async (err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(await status(cal.id))}`);
    });

    // Quota: checked before the clean calendar (same account) starts its own requests.
    const log: RequestLogEntry[] = list(await h.control(platform, 'GET', `/requests?account=${encodeURIComponent(email)}&limit=5000`));
    const early = earlyRequests(log);

    const clean = await h.connect(platform, fresh);
    await h.waitFor('clean sync connected', async () => (await status(clean.id)).status === 'connected', 30_000);
    const expected = await liveSet(clean.id);
    const got = await h.waitFor('faulted calendar converges', async () => {
      const s = await liveSet(cal.id);
      return JSON.stringify(s) === JSON.stringify(expected) ? s : null;
    }, 60_000).catch(async () => liveSet(cal.id));
    reportFigures(`faults ${platform}`, {
      rounds: ROUNDS, faultsInjected: Object.values(faults).reduce((a, b) => a + b, 0), faults, changes,
      providerRequests: log.length, throttled: log.filter((r) => r.status === 429).length, earlyRequests: early.length,
      liveEvents: expected.length, violations: early.length + (JSON.stringify(got) === JSON.stringify(expected) ? 0 : 1),
    });
    expect(early).toEqual([]);
    expect(got).toEqual(expected);
    expect((await status(cal.id)).status).toBe('connected');
  }, sized(180_000, 900_000));
});
