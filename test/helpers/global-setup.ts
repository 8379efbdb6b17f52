// One PostgreSQL server for the whole run: the embedded server (default) or the machine's server when
// ROLLCALL_TEST_DATABASE_URL is set (CI runs the suite once each way). A migrated template database is created
// once; every test file clones it (CREATE DATABASE … TEMPLATE), so files are isolated and start fast.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embedded.js';
import { createPool } from '../../src/db/pool.js';
import { migrate } from '../../src/db/migrate.js';
import { createLogger } from '../../src/observability/logger.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const log = createLogger({ level: 'warn', pretty: false, destination: process.stderr });
  let server: EmbeddedServer | null = null;
  let dataDir: string | null = null;
  let adminUrl = process.env.ROLLCALL_TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rollcall-test-pg-'));
    server = await startEmbeddedPostgres(dataDir, log);
    adminUrl = withDatabase(server.url, 'postgres');
  }
  const template = `rollcall_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const pool = createPool(withDatabase(adminUrl, template), 2);
  await migrate(pool, log);
  await pool.end();
  await admin.end();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);

  return async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${template}`).catch(() => undefined);
    await a.end();
    if (server) await server.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
