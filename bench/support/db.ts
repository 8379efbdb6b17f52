// Databases for benchmark runs: a fresh, migrated database per scenario on the machine's PostgreSQL (or the
// server named by BENCH_PG_ADMIN_URL; the smoke test points it at the test run's server), or an embedded
// PostgreSQL started by the bench itself. Dropped at the end of the scenario.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { createPool, type Pool } from '../../src/db/pool.js';
import { createLogger } from '../../src/observability/logger.js';

export const quietLog = createLogger({ level: 'warn', pretty: false, destination: process.stderr });

export function adminUrl(): string {
  return process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface BenchDatabase {
  url: string;
  pool: Pool;
  /** Where the server runs: "machine" (external) or "embedded". */
  kind: 'machine' | 'embedded';
  drop(): Promise<void>;
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function create(admin: string, kind: BenchDatabase['kind'], after: () => Promise<void>, poolSize: number): Promise<BenchDatabase> {
  const name = `rollcall_bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = withDb(admin, name);
  const pool = createPool(url, poolSize, 'rollcall-bench');
  await migrate(pool, quietLog);
  return {
    url,
    pool,
    kind,
    async drop() {
      await pool.end().catch(() => undefined);
      const a = new pg.Client({ connectionString: admin });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await a.end();
      await after();
    },
  };
}

/** A fresh migrated database on the machine's PostgreSQL server. */
export async function machineDatabase(poolSize = 8): Promise<BenchDatabase> {
  return create(adminUrl(), 'machine', async () => undefined, poolSize);
}

/** A fresh migrated database on an embedded PostgreSQL started for this scenario (stopped by drop()). */
export async function embeddedDatabase(poolSize = 8): Promise<BenchDatabase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rollcall-bench-pg-'));
  const server = await startEmbeddedPostgres(dir, quietLog);
  const u = new URL(server.url);
  u.pathname = '/postgres';
  return create(u.toString(), 'embedded', async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }, poolSize);
}
