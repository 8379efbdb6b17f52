// Forward-only SQL migrations from migrations/NNNN_name.sql, applied in order under a session advisory lock so
// processes starting together do not collide. graphile-worker's own schema is installed under the same lock.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runMigrations as runWorkerMigrations } from 'graphile-worker';
import type { Pool } from './pool.js';
import type { Logger } from '../observability/logger.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
const LOCK_KEY = 7_305_201_001; // arbitrary, unique to rollcall's migrations

export interface Migration {
  version: number;
  name: string;
  file: string;
}

export async function listMigrations(): Promise<Migration[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  return files.map((file) => ({ version: Number(file.slice(0, 4)), name: file.slice(5, -4), file }));
}

export class SchemaTooNewError extends Error {}

async function appliedVersion(pool: Pool): Promise<number> {
  const r = await pool.query<{ v: number | null }>(
    `SELECT CASE WHEN to_regclass('rollcall_migrations') IS NULL THEN NULL ELSE (SELECT max(version) FROM rollcall_migrations) END AS v`,
  );
  return r.rows[0].v ?? 0;
}

/** The state of the schema relative to this build's migrations. */
export async function schemaStatus(pool: Pool): Promise<{ applied: number; latest: number }> {
  const migrations = await listMigrations();
  return { applied: await appliedVersion(pool), latest: migrations.at(-1)?.version ?? 0 };
}

export async function migrate(pool: Pool, log: Logger): Promise<{ applied: number[] }> {
  const migrations = await listMigrations();
  const latest = migrations.at(-1)?.version ?? 0;
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS rollcall_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM rollcall_migrations')).rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    if (newest > latest) {
      throw new SchemaTooNewError(
        `The database schema is at version ${newest}, newer than this rollcall knows (${latest}). Upgrade rollcall instead of running an older one.`,
      );
    }
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      const sql = await readFile(MIGRATIONS_DIR + m.file, 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO rollcall_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.file} failed: ${(err as Error).message}`);
      }
      applied.push(m.version);
      log.info({ migration: m.file }, 'migration applied');
    }
    await runWorkerMigrations({ pgPool: pool, logger: undefined });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return { applied };
}
