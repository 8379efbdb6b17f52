// Several real `rollcall serve` processes on one database, with the emulators, an `http` bot launcher and a webhook
// receiver in the test process: the setting of the crash tests (test/reliability/crash/). Each process keeps its
// slot's port across restarts, so PUBLIC_URL (slot 0) stays valid when that process is killed and restarted.
import { freePort } from '../../src/db/embedded.js';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { CONTROL_PREFIX, type CreatedAccount } from '../../src/sandbox/shared/control-types.js';
import { startLaunchReceiver, type LaunchReceiver } from '../scheduling/fixtures.js';
import { startReceiver, type Receiver } from '../webhooks/receiver.js';
import { TEST_ENCRYPTION_KEY } from './context.js';
import { runRollcall, type RunningProcess } from './process.js';

export type Platform = 'google_calendar' | 'microsoft_outlook';

export interface Slot {
  index: number;
  port: number;
  url: string;
  proc: RunningProcess | null;
  /** Every start of this slot, oldest first (their output is kept for failure reports). */
  history: RunningProcess[];
  /** Start-to-listening times of this slot's processes, in ms. */
  startupMs: number[];
  /** Whether the current process has said it is listening. */
  ready: boolean;
}

export interface Cluster {
  sandbox: Sandbox;
  launches: LaunchReceiver;
  hooks: Receiver;
  slots: Slot[];
  env: Record<string, string>;
  start(slot: Slot): RunningProcess;
  /** SIGKILL the slot's process (if running) and wait for it to be gone. */
  kill(slot: Slot): Promise<void>;
  waitReady(slot: Slot, timeoutMs?: number): Promise<void>;
  /** An API call to any live process, trying the next one when a process does not answer. */
  api(auth: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  control(p: Platform, method: string, path: string, body?: unknown): Promise<any>;
  createAccount(p: Platform, email: string): Promise<CreatedAccount>;
  close(): Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Environment every process of a crash test shares: short timers so recovery is observable within a test. */
export function clusterEnv(databaseUrl: string, publicUrl: string, launchUrl: string, sandboxEnv: Record<string, string>): Record<string, string> {
  return {
    ...sandboxEnv,
    DATABASE_URL: databaseUrl,
    ROLLCALL_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ROLLCALL_SANDBOX: 'off',
    HOST: '127.0.0.1',
    PUBLIC_URL: publicUrl,
    LOG_LEVEL: 'info',
    DATABASE_POOL_SIZE: '6',
    WORKER_CONCURRENCY: '4',
    WORKER_POLL_INTERVAL_MS: '200',
    RATE_LIMIT_ENABLED: 'false',
    SHUTDOWN_TIMEOUT_MS: '3000',
    SYNC_DEBOUNCE_MS: '0',
    SYNC_SAFETY_NET_SECONDS: '3',
    SYNC_POLL_SECONDS: '3',
    SYNC_MAX_BACKOFF_SECONDS: '2',
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_RETRY_SCHEDULE: '0,1,1,2,2,2,2,2,2,2',
    WEBHOOK_RETRY_JITTER_PERCENT: '0',
    BOT_RUNTIME: 'http',
    BOT_RUNTIME_HTTP_URL: launchUrl,
    BOT_DISPATCH_LEAD_MS: '0',
    BOT_ARM_INTERVAL_MS: '500',
    BOT_SWEEP_INTERVAL_MS: '200',
    BOT_CLAIM_GRACE_MS: '1000',
    BOT_LAUNCH_TIMEOUT_MS: '2000',
    BOT_LAUNCH_MAX_ATTEMPTS: '50',
  };
}

export async function startCluster(opts: { databaseUrl: string; processes: number; env?: Record<string, string> }): Promise<Cluster> {
  const sandbox = await startSandbox({ microsoftHttpsPort: null });
  const launches = await startLaunchReceiver();
  const hooks = await startReceiver();
  const slots: Slot[] = [];
  for (let i = 0; i < opts.processes; i++) {
    const port = await freePort();
    slots.push({ index: i, port, url: `http://127.0.0.1:${port}`, proc: null, history: [], startupMs: [], ready: false });
  }
  const env = { ...clusterEnv(opts.databaseUrl, slots[0].url, launches.url, sandbox.env), ...opts.env };

  const alive = (s: Slot) => s.proc !== null && s.proc.child.exitCode === null && s.proc.child.signalCode === null;
  let rr = 0;
  const cluster: Cluster = {
    sandbox,
    launches,
    hooks,
    slots,
    env,
    start(slot) {
      const p = runRollcall(['serve'], { ...env, PORT: String(slot.port) });
      const t0 = Date.now();
      slot.ready = false;
      const onData = () => {
        if (!/listening/.test(p.output())) return;
        slot.startupMs.push(Date.now() - t0);
        if (slot.proc === p) slot.ready = true;
        p.child.stdout!.off('data', onData);
        p.child.stderr!.off('data', onData);
      };
      p.child.stdout!.on('data', onData);
      p.child.stderr!.on('data', onData);
      slot.proc = p;
      slot.history.push(p);
      return p;
    },
    async kill(slot) {
      const p = slot.proc;
      if (!p) return;
      slot.ready = false;
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await p.exited;
    },
    async waitReady(slot, timeoutMs = 90_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        try {
          const res = await fetch(`${slot.url}/readyz`, { signal: AbortSignal.timeout(2000) });
          if (res.ok) return;
        } catch {
          /* not up yet */
        }
        if (Date.now() > end) throw new Error(`slot ${slot.index} not ready in ${timeoutMs} ms:\n${slot.proc?.output().slice(-4000)}`);
        await sleep(200);
      }
    },
    async api(auth, method, path, body, headers = {}) {
      let lastErr: unknown = null;
      // Processes may all be restarting at once: keep trying for as long as a restart can take.
      for (const end = Date.now() + 120_000; Date.now() < end; ) {
        const up = slots.filter((s) => s.ready);
        const live = up.length ? up : slots.filter(alive);
        const slot = live.length ? live[rr++ % live.length] : slots[rr++ % slots.length];
        const t0 = Date.now();
        try {
          const res = await fetch(slot.url + path, {
            method,
            headers: { authorization: auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
            body: body !== undefined ? JSON.stringify(body) : undefined,
            signal: AbortSignal.timeout(10_000),
          });
          const text = await res.text();
          // A process stopping or a database restart answers 503: try again on another process.
          if (res.status === 503 || res.status === 502) {
            lastErr = new Error(`${res.status} ${text}`);
            await sleep(100);
            continue;
          }
          return { status: res.status, body: text ? JSON.parse(text) : null };
        } catch (err) {
          // Refused = never reached a process: safe to send again. Anything else may have been handled.
          const refused = (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
          if (process.env.RELIABILITY_DEBUG && !refused) process.stderr.write(`api ${method} ${path} slot ${slot.index}: ${(err as Error).message} after ${Date.now() - t0} ms\n`);
          if (!refused && method !== 'GET' && method !== 'DELETE') throw Object.assign(new Error(`ambiguous ${method} ${path}: ${(err as Error).message}`), { ambiguous: true });
          if (process.env.RELIABILITY_DEBUG) process.stderr.write(`api ${method} ${path} slot ${slot.index}: ${(err as Error).message} ${(err as { cause?: { code?: string } }).cause?.code} after ${Date.now() - t0} ms\n`);
          lastErr = err;
          await sleep(200);
        }
      }
      throw new Error(`no process answered ${method} ${path}: ${String(lastErr)}`);
    },
    async control(p, method, path, body) {
      const base = p === 'google_calendar' ? sandbox.google.url : sandbox.microsoft.url;
      const res = await fetch(base + CONTROL_PREFIX + path, {
        method,
        headers: body !== undefined ? { 'content-type': 'application/json' } : {},
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    createAccount(p, email) {
      return cluster.control(p, 'POST', '/accounts', { email });
    },
    async close() {
      for (const s of slots) if (alive(s)) s.proc!.child.kill('SIGTERM');
      await Promise.race([Promise.all(slots.map((s) => s.proc?.exited)), sleep(15_000)]);
      for (const s of slots) if (alive(s)) s.proc!.child.kill('SIGKILL');
      await Promise.all([sandbox.close(), launches.close(), hooks.close()]);
      // RELIABILITY_LOG_DIR keeps every process's output, for investigating a failed run.
      const dir = process.env.RELIABILITY_LOG_DIR;
      if (dir) {
        await mkdir(dir, { recursive: true });
        for (const s of slots) for (const [i, p] of s.history.entries()) await writeFile(path.join(dir, `slot${s.index}-${i}.log`), p.output());
      }
    },
  };
  return cluster;
}
