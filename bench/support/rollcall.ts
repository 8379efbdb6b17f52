// Real `rollcall` processes for benchmarks (spawned through tsx like the tests do), a workspace with an API key,
// and small helpers to wait and to talk to the API.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { insertWorkspace } from '../../src/db/workspaces.js';
import type { Queryable } from '../../src/db/pool.js';
import { createApiKey } from '../../src/workspaces/api-keys.js';
import { ROOT, runRollcall, waitForHttp, waitForOutput, type RunningProcess } from '../../test/helpers/process.js';

export const BENCH_ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

export interface Rollcall {
  proc: RunningProcess;
  pid: number;
  /** http://127.0.0.1:port for serve/api roles. */
  base: string | null;
  stop(): Promise<void>;
}

/** Starts `rollcall <role>` on the database and waits until it serves (api/serve) or its dispatch engine runs. */
export async function startRollcall(role: 'serve' | 'api' | 'worker', databaseUrl: string, env: Record<string, string> = {}): Promise<Rollcall> {
  const port = role === 'worker' ? 0 : await freePort();
  const base = role === 'worker' ? null : `http://127.0.0.1:${port}`;
  const proc = runRollcall([role], {
    DATABASE_URL: databaseUrl,
    ROLLCALL_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
    ROLLCALL_SANDBOX: 'off',
    // The worker role reports readiness only at info level (it is quiet there: no per-request lines).
    LOG_LEVEL: role === 'worker' ? 'info' : 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(base ? { PUBLIC_URL: base } : {}),
    RATE_LIMIT_ENABLED: 'false',
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    ...env,
  });
  try {
    if (base) await waitForHttp(`${base}/healthz`, 120_000);
    // serve starts its worker role before its API, so /healthz answering means both run.
    else await waitForOutput(proc, /rollcall worker running/, 120_000);
  } catch (err) {
    proc.child.kill('SIGKILL');
    throw err;
  }
  return {
    proc,
    pid: proc.child.pid!,
    base,
    stop: () => stopProcess(proc),
  };
}

export async function createBenchWorkspace(db: Queryable, name = `bench-${Date.now().toString(36)}`) {
  const ws = await insertWorkspace(db, name);
  const { key } = await createApiKey(db, ws.id);
  return { id: ws.id, auth: `Token ${key}` };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function apiCall(base: string, auth: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Runs a bench TypeScript file (a baseline server or worker) in its own Node process through tsx. */
export function runScript(file: string, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, file)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out.slice(-20_000), exited };
}

export async function stopProcess(p: RunningProcess): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 20_000);
  await p.exited;
  clearTimeout(timer);
}
