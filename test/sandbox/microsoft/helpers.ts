// Test helpers: an emulator on random ports, small JSON/form clients, and a webhook receiver whose behaviour
// each test chooses (echo validation tokens, answer slowly, fail...).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMicrosoftEmulator, type MicrosoftEmulator, type MicrosoftEmulatorOptions } from '../../../src/sandbox/microsoft/server.js';
import type { CreatedAccount } from '../../../src/sandbox/shared/control-types.js';

export interface Res {
  status: number;
  headers: Headers;
  body: any;
}

export async function call(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; form?: Record<string, string> } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  let body: string | undefined;
  if (init.form) {
    body = new URLSearchParams(init.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* keep text */
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export interface Emu {
  em: MicrosoftEmulator;
  control(method: string, path: string, body?: unknown): Promise<Res>;
  account(email: string, extra?: Record<string, unknown>): Promise<CreatedAccount>;
  refresh(acc: CreatedAccount, refreshToken?: string): Promise<Res>;
  /** Account plus a fresh access token. */
  login(email: string): Promise<{ acc: CreatedAccount; token: string }>;
  graph(token: string, path: string, init?: { method?: string; body?: unknown; prefer?: string }): Promise<Res>;
}

export const PREFER = 'outlook.timezone="UTC", IdType="ImmutableId"';

export async function startEmu(opts: MicrosoftEmulatorOptions = {}): Promise<Emu> {
  const em = await startMicrosoftEmulator({ httpsPort: null, ...opts });
  const emu: Emu = {
    em,
    control: (method, path, body) => call(`${em.url}/__sandbox${path}`, { method, ...(body !== undefined ? { body } : {}) }),
    async account(email, extra = {}) {
      const r = await emu.control('POST', '/accounts', { email, ...extra });
      if (r.status !== 200) throw new Error(`account: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as CreatedAccount;
    },
    refresh: (acc, rt) =>
      call(`${em.url}/common/oauth2/v2.0/token`, {
        form: { grant_type: 'refresh_token', client_id: acc.client_id, client_secret: acc.client_secret, refresh_token: rt ?? acc.refresh_token },
      }),
    async login(email) {
      const acc = await emu.account(email);
      const r = await emu.refresh(acc);
      if (r.status !== 200) throw new Error(`refresh: ${r.status} ${JSON.stringify(r.body)}`);
      return { acc, token: r.body.access_token as string };
    },
    graph: (token, path, init = {}) =>
      call(path.startsWith('http') ? path : `${em.url}/v1.0${path}`, {
        method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
        ...(init.body !== undefined ? { body: init.body } : {}),
        headers: { authorization: `Bearer ${token}`, prefer: init.prefer ?? PREFER },
      }),
  };
  return emu;
}

export interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Behaviour = (req: Received, res: ServerResponse) => void | Promise<void>;

/** Graph-conformant receiver: echoes validation tokens as text/plain, acknowledges notifications with 202. */
export const goodReceiver: Behaviour = (req, res) => {
  const token = new URL(req.url, 'http://x').searchParams.get('validationToken');
  if (token !== null) {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
    return;
  }
  res.writeHead(202).end();
};

export async function startReceiver(initial: Behaviour = goodReceiver): Promise<{ url: string; received: Received[]; behave(b: Behaviour): void; close(): Promise<void> }> {
  let behaviour = initial;
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      void behaviour(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    behave: (b) => (behaviour = b),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Poll until `fn` returns a truthy value (generous timeout: CI machines are slow). */
export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs = 20_000, stepMs = 50): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Follow a delta round to its deltaLink; returns every item and the pages seen. */
export async function deltaRound(emu: Emu, token: string, first: string, prefer = PREFER): Promise<{ items: any[]; pages: any[]; deltaLink: string }> {
  const pages: any[] = [];
  let r = await emu.graph(token, first, { prefer });
  for (;;) {
    if (r.status !== 200) throw new Error(`delta page: ${r.status} ${JSON.stringify(r.body)}`);
    pages.push(r.body);
    if (r.body['@odata.deltaLink']) break;
    r = await emu.graph(token, r.body['@odata.nextLink'], { prefer });
  }
  return { items: pages.flatMap((p) => p.value), pages, deltaLink: pages[pages.length - 1]['@odata.deltaLink'] };
}
