// The two adapters under test, each against its in-repo emulator over real HTTP (Microsoft over the emulator's
// HTTPS listener, trusting its self-signed CA through an undici dispatcher), plus a local notification receiver.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { loadConfig, type Config } from '../../src/config/load.js';
import { createGoogleProvider } from '../../src/providers/google/provider.js';
import type { ProviderHttpOptions } from '../../src/providers/http.js';
import { createMicrosoftProvider } from '../../src/providers/microsoft/provider.js';
import type { CalendarProvider } from '../../src/providers/provider.js';
import { startGoogleEmulator } from '../../src/sandbox/google/server.js';
import { startMicrosoftEmulator } from '../../src/sandbox/microsoft/server.js';
import type { CreatedAccount } from '../../src/sandbox/shared/control-types.js';

export interface Target {
  name: 'google' | 'microsoft';
  /** The provider's code for a revoked grant (ProviderError details.code). */
  revokedCode: string;
  config: Config;
  provider(opts?: ProviderHttpOptions): CalendarProvider;
  /** The control API of the emulator (plain HTTP). */
  control(method: string, path: string, body?: unknown): Promise<any>;
  account(email: string): Promise<CreatedAccount>;
  /** Ids of the emulator's live channels / subscriptions. */
  channelIds(): Promise<string[]>;
  close(): Promise<void>;
}

async function controlCall(base: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}/__sandbox${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function googleTarget(): Promise<Target> {
  const em = await startGoogleEmulator({});
  const config = loadConfig({
    GOOGLE_OAUTH_AUTHORIZE_URL: `${em.url}/o/oauth2/v2/auth`,
    GOOGLE_OAUTH_TOKEN_URL: `${em.url}/token`,
    GOOGLE_USERINFO_URL: `${em.url}/v1/userinfo`,
    GOOGLE_CALENDAR_API_URL: `${em.url}/calendar/v3`,
  });
  const control = (m: string, p: string, b?: unknown) => controlCall(em.url, m, p, b);
  return {
    name: 'google',
    revokedCode: 'invalid_grant',
    config,
    provider: (opts) => createGoogleProvider(config, opts),
    control,
    // The calendar zone matters for all-day events only.
    account: (email) => control('POST', '/accounts', { email, timeZone: 'Europe/Paris' }),
    channelIds: async () => ((await control('GET', '/channels')) as { id: string }[]).map((c) => c.id),
    close: () => em.close(),
  };
}

export async function microsoftTarget(opts: { autoConsent?: boolean } = {}): Promise<Target & { httpUrl: string }> {
  const em = await startMicrosoftEmulator({ autoConsent: opts.autoConsent ?? true });
  if (!em.httpsUrl || !em.caCertPem) throw new Error('the Microsoft emulator started without HTTPS');
  const dispatcher = new Agent({ connect: { ca: em.caCertPem } });
  const config = loadConfig({ MICROSOFT_LOGIN_URL: em.httpsUrl, MICROSOFT_GRAPH_URL: `${em.httpsUrl}/v1.0` });
  const control = (m: string, p: string, b?: unknown) => controlCall(em.url, m, p, b);
  return {
    name: 'microsoft',
    revokedCode: 'AADSTS50173',
    config,
    httpUrl: em.url,
    provider: (o) => createMicrosoftProvider(config, { dispatcher, ...o }),
    control,
    account: (email) => control('POST', '/accounts', { email }),
    channelIds: async () => ((await control('GET', '/channels')) as { value: { id: string }[] }).value.map((c) => c.id),
    close: async () => {
      await em.close();
      await dispatcher.close();
    },
  };
}

export interface Received {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A notification endpoint: echoes Graph validation tokens as text/plain, answers 202 to everything else. */
export async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://receiver');
      const token = u.searchParams.get('validationToken');
      if (token !== null) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
        return;
      }
      received.push({ path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Polls until `find` returns a value (generous timeout: CI machines are slow). */
export async function waitFor<T>(find: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = find();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
