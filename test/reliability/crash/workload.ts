// The steady workload of the crash tests and the invariants checked once it stops: calendars on both emulators
// whose events keep changing, bots due every few seconds, and webhooks flowing to a counting receiver.
import pg from 'pg';
import { insertWorkspace } from '../../../src/db/workspaces.js';
import { createApiKey } from '../../../src/workspaces/api-keys.js';
import type { CreatedAccount } from '../../../src/sandbox/shared/control-types.js';
import { sleep, type Cluster, type Platform } from '../../helpers/cluster.js';

export interface Figures {
  changes: number;
  botsCreated: number;
  ambiguousRequests: number;
}

export interface Workload {
  auth: string;
  workspaceId: string;
  calendars: { platform: Platform; email: string; account: CreatedAccount; id: string }[];
  figures: Figures;
  /** Runs until `stop()`: provider changes every `changeEveryMs`, a bot every `botEveryMs`. */
  run(opts: { changeEveryMs: number; botEveryMs: number }): Promise<void>;
  stop(): void;
  /** Bot ids rollcall acknowledged (or that an ambiguous request turned out to have created). */
  bots: Map<string, { joinAt: number }>;
}

const hoursFromNow = (h: number) => new Date(Math.floor((Date.now() + h * 3_600_000) / 60_000) * 60_000).toISOString();
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

export async function createWorkspaceWithKey(databaseUrl: string): Promise<{ id: string; auth: string }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const ws = await insertWorkspace(pool, `crash-${Math.random().toString(36).slice(2, 8)}`);
    const { key } = await createApiKey(pool, ws.id);
    return { id: ws.id, auth: `Token ${key}` };
  } finally {
    await pool.end();
  }
}

export async function connectCalendar(c: Cluster, auth: string, platform: Platform, account: CreatedAccount): Promise<string> {
  const res = await c.api(auth, 'POST', '/api/v2/calendars/', {
    platform, oauth_client_id: account.client_id, oauth_client_secret: account.client_secret, oauth_refresh_token: account.refresh_token,
  });
  if (res.status !== 201) throw new Error(`create calendar: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function startWorkload(c: Cluster, databaseUrl: string, accountsPerPlatform: number): Promise<Workload> {
  const ws = await createWorkspaceWithKey(databaseUrl);
  const ep = await c.api(ws.auth, 'POST', '/api/v2/webhook-endpoints/', { url: c.hooks.url });
  if (ep.status !== 201) throw new Error(`webhook endpoint: ${ep.status} ${JSON.stringify(ep.body)}`);
  const calendars: Workload['calendars'] = [];
  for (const platform of ['google_calendar', 'microsoft_outlook'] as const) {
    for (let i = 0; i < accountsPerPlatform; i++) {
      const email = `crash-${platform.split('_')[0]}-${i}-${ws.id.slice(0, 6)}@example.com`;
      const account: CreatedAccount = await c.control(platform, 'POST', '/accounts', { email });
      await c.control(platform, 'POST', `/accounts/${email}/seed-week`, { seed: i + 1 });
      calendars.push({ platform, email, account, id: await connectCalendar(c, ws.auth, platform, account) });
    }
  }

  const figures: Figures = { changes: 0, botsCreated: 0, ambiguousRequests: 0 };
  const bots = new Map<string, { joinAt: number }>();
  const mine = new Map<string, string[]>(); // account → ids of single events the workload created
  let running = true;
  let botSeq = 0;

  async function change(): Promise<void> {
    const cal = pick(calendars);
    const ids = mine.get(cal.email) ?? [];
    mine.set(cal.email, ids);
    const op = ids.length < 3 ? 0 : Math.floor(Math.random() * 4);
    const n = ++figures.changes;
    const start = 2 + Math.random() * 24 * 20;
    if (op === 0) {
      const ev = await c.control(cal.platform, 'POST', `/accounts/${cal.email}/events`, {
        summary: `Crash ${n}`, start: hoursFromNow(start), end: hoursFromNow(start + 1), conferenceUrl: 'https://meet.google.com/abc-defg-hij',
      });
      ids.push(ev.id);
    } else if (op === 1) {
      await c.control(cal.platform, 'PATCH', `/accounts/${cal.email}/events/${pick(ids)}`, { summary: `Renamed ${n}` });
    } else if (op === 2) {
      await c.control(cal.platform, 'PATCH', `/accounts/${cal.email}/events/${pick(ids)}`, { start: hoursFromNow(start), end: hoursFromNow(start + 0.5) });
    } else {
      const id = ids.splice(Math.floor(Math.random() * ids.length), 1)[0];
      await c.control(cal.platform, 'POST', `/accounts/${cal.email}/events/${id}/cancel`);
    }
  }

  async function createBot(): Promise<void> {
    const seq = `${ws.id.slice(0, 6)}-${++botSeq}`;
    const joinAt = Date.now() + 2000 + Math.random() * 4000;
    const body = { meeting_url: 'https://meet.google.com/abc-defg-hij', join_at: new Date(joinAt).toISOString(), metadata: { seq } };
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        const res = await c.api(ws.auth, 'POST', '/api/v1/bot/', body);
        if (res.status !== 201) throw new Error(`create bot: ${res.status} ${JSON.stringify(res.body)}`);
        bots.set(res.body.id, { joinAt });
        figures.botsCreated++;
        return;
      } catch (err) {
        if (!(err as { ambiguous?: boolean }).ambiguous) throw err;
        // The process died with the request in flight: look the bot up before trying again, as a careful client does.
        figures.ambiguousRequests++;
        const found = await c.api(ws.auth, 'GET', `/api/v1/bot/?metadata__seq=${seq}`);
        if (found.body.results.length > 1) throw new Error(`bot ${seq} created ${found.body.results.length} times`);
        if (found.body.results.length === 1) {
          bots.set(found.body.results[0].id, { joinAt });
          figures.botsCreated++;
          return;
        }
        body.join_at = new Date(Math.max(joinAt, Date.now() + 1000)).toISOString();
      }
    }
    throw new Error(`could not create bot ${seq}`);
  }

  const loop = async (everyMs: number, fn: () => Promise<void>) => {
    while (running) {
      await fn();
      await sleep(everyMs * (0.5 + Math.random()));
    }
  };
  return {
    auth: ws.auth,
    workspaceId: ws.id,
    calendars,
    figures,
    bots,
    async run(opts) {
      await Promise.all([loop(opts.changeEveryMs, change), loop(opts.botEveryMs, createBot)]);
    },
    stop() {
      running = false;
    },
  };
}
