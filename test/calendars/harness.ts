// End-to-end harness for the calendar tests: both emulators over real HTTP, a real rollcall (API on a real port
// so providers can push to it, worker running), a workspace, and a local receiver for rollcall's webhooks.
import { freePort } from '../../src/db/embedded.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWorker, type WorkerHandle } from '../../src/jobs/runner.js';
import { startGoogleEmulator, type GoogleEmulator } from '../../src/sandbox/google/server.js';
import { sandboxEnv } from '../../src/sandbox/index.js';
import { startMicrosoftEmulator, type MicrosoftEmulator } from '../../src/sandbox/microsoft/server.js';
import { CONTROL_PREFIX, type CreatedAccount } from '../../src/sandbox/shared/control-types.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';

export type Platform = 'google_calendar' | 'microsoft_outlook';

export interface ReceivedWebhook {
  event: string;
  data: Record<string, string>;
  at: number;
}

export interface Harness {
  ctx: TestContext;
  google: GoogleEmulator;
  microsoft: MicrosoftEmulator;
  base: string;
  auth: string;
  webhooks: ReceivedWebhook[];
  emulatorUrl(p: Platform): string;
  control(p: Platform, method: string, path: string, body?: unknown): Promise<any>;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  createAccount(p: Platform, email: string): Promise<CreatedAccount>;
  connect(p: Platform, account: CreatedAccount): Promise<any>;
  waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs?: number): Promise<T>;
  allEvents(calendarId: string, query?: string): Promise<any[]>;
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}, emulatorOpts: { channelTtlSeconds?: number } = {}): Promise<Harness> {
  const google = await startGoogleEmulator({ channelMaxTtlSeconds: emulatorOpts.channelTtlSeconds });
  const microsoft = await startMicrosoftEmulator({ httpsPort: null, subscriptionMaxMinutes: undefined, notificationRetryDelaysMs: [200, 500] });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ctx = await createTestContext({
    ...sandboxEnv(google.url, microsoft.url),
    PUBLIC_URL: base,
    SYNC_DEBOUNCE_MS: '0',
    RATE_LIMIT_ENABLED: 'false',
    WORKER_POLL_INTERVAL_MS: '100',
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    ...env,
  });
  await ctx.app.listen({ port, host: '127.0.0.1' });
  const worker: WorkerHandle = await startWorker(ctx.deps);
  const ws = await createWorkspace(ctx.deps);

  const webhooks: ReceivedWebhook[] = [];
  const receiver: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        const parsed = JSON.parse(body) as { event: string; data: Record<string, string> };
        webhooks.push({ ...parsed, at: Date.now() });
      } catch {
        /* ignore */
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: ws.auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const created = await api('POST', '/api/v2/webhook-endpoints/', { url: receiverUrl });
  if (created.status !== 201) throw new Error(`webhook endpoint: ${created.status} ${JSON.stringify(created.body)}`);

  const emulatorUrl = (p: Platform) => (p === 'google_calendar' ? google.url : microsoft.url);
  const control = async (p: Platform, method: string, path: string, body?: unknown) => {
    const res = await fetch(emulatorUrl(p) + CONTROL_PREFIX + path, {
      method,
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const waitFor = async <T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const allEvents = async (calendarId: string, query = '') => {
    const out: any[] = [];
    let url: string | null = `/api/v2/calendar-events/?calendar_id=${calendarId}${query}`;
    while (url) {
      const res = await api('GET', url);
      if (res.status !== 200) throw new Error(`list events: ${res.status} ${JSON.stringify(res.body)}`);
      out.push(...res.body.results);
      url = res.body.next ? res.body.next.slice(base.length) : null;
    }
    return out;
  };
  return {
    ctx,
    google,
    microsoft,
    base,
    auth: ws.auth,
    webhooks,
    emulatorUrl,
    control,
    api,
    createAccount: (p, email) => control(p, 'POST', '/accounts', { email }),
    async connect(p, account) {
      const res = await api('POST', '/api/v2/calendars/', {
        platform: p,
        oauth_client_id: account.client_id,
        oauth_client_secret: account.client_secret,
        oauth_refresh_token: account.refresh_token,
      });
      if (res.status !== 201) throw new Error(`create calendar: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    waitFor,
    allEvents,
    async close() {
      await worker.stop();
      await new Promise((r) => receiver.close(r));
      await ctx.close();
      await google.close();
      await microsoft.close();
    },
  };
}

/** An ISO instant `hours` from now, on a whole minute. */
export function hoursFromNow(hours: number): string {
  const d = new Date(Date.now() + hours * 3_600_000);
  d.setUTCSeconds(0, 0);
  return d.toISOString();
}
