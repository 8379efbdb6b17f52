// Test helpers: an emulator on port 0, a seeded account with a live access token, and small fetch wrappers.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CreatedAccount, EventInput } from '../../../src/sandbox/shared/control-types.js';
import { startGoogleEmulator, type GoogleEmulator, type GoogleEmulatorOptions } from '../../../src/sandbox/google/server.js';

export interface Harness {
  em: GoogleEmulator;
  account: CreatedAccount;
  accessToken: string;
  api: (path: string, init?: RequestInit) => Promise<{ status: number; body: any; headers: Headers }>;
  control: (method: string, path: string, body?: unknown) => Promise<any>;
  createEvent: (e: EventInput) => Promise<any>;
  list: (query: Record<string, string>) => Promise<{ status: number; body: any; headers: Headers }>;
  listAll: (query: Record<string, string>) => Promise<{ items: any[]; pages: any[]; nextSyncToken: string }>;
}

export const EMAIL = 'alice@acme.test';

export async function harness(opts: GoogleEmulatorOptions = {}, email = EMAIL): Promise<Harness> {
  const em = await startGoogleEmulator(opts);
  const control = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${em.url}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const account: CreatedAccount = await control('POST', '/accounts', { email, client_id: 'test-client', client_secret: 'test-secret' });
  const tok = await tokenRequest(em.url, {
    grant_type: 'refresh_token',
    refresh_token: account.refresh_token,
    client_id: account.client_id,
    client_secret: account.client_secret,
  });
  const accessToken = tok.body.access_token as string;
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${em.url}${path}`, { ...init, headers: { authorization: `Bearer ${accessToken}`, ...(init.headers ?? {}) } });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  const list = (query: Record<string, string>) => api(`/calendar/v3/calendars/primary/events?${new URLSearchParams(query)}`);
  const listAll = async (query: Record<string, string>) => {
    const pages: any[] = [];
    const items: any[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const res = await list({ ...query, ...(pageToken ? { pageToken } : {}) });
      if (res.status !== 200) throw new Error(`list ${res.status} ${JSON.stringify(res.body)}`);
      pages.push(res.body);
      items.push(...res.body.items);
      pageToken = res.body.nextPageToken;
      if (!pageToken) return { items, pages, nextSyncToken: res.body.nextSyncToken as string };
    }
  };
  return {
    em,
    account,
    accessToken,
    api,
    control,
    list,
    listAll,
    createEvent: (e) => control('POST', `/accounts/${email}/events`, e),
  };
}

export async function tokenRequest(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

export interface Receiver {
  url: string;
  hits: { headers: IncomingHttpHeaders; body: string }[];
  close: () => Promise<void>;
}

/** A local HTTP server recording push notifications. */
export async function receiver(): Promise<Receiver> {
  const hits: Receiver['hits'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/notify`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

/** Poll until `check` returns truthy or time runs out. */
export async function waitFor<T>(check: () => T | undefined | false | null, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error('waitFor timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
