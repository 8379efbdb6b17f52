// Builds a real rollcall (Deps + Fastify app) on a fresh test database. Nothing is mocked: the app talks to
// PostgreSQL, and tests reach it through inject() or a real port.
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config/load.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import { createPool } from '../../src/db/pool.js';
import { insertWorkspace } from '../../src/db/workspaces.js';
import type { Deps } from '../../src/deps.js';
import { buildApp, type AppOptions } from '../../src/http/app.js';
import { createLogger } from '../../src/observability/logger.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { createApiKey } from '../../src/workspaces/api-keys.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export interface TestContext {
  db: TestDatabase;
  config: Config;
  deps: Deps;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function createTestContext(env: Record<string, string> = {}, appOptions: AppOptions = {}): Promise<TestContext> {
  const db = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: db.url, ROLLCALL_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...env });
  const pool = createPool(db.url, 5);
  const log = createLogger({ level: config.LOG_LEVEL, pretty: false, destination: process.stderr });
  const deps: Deps = { config, log, pool, secrets: new SecretBox(config.ROLLCALL_ENCRYPTION_KEY!), metrics: createMetrics({ defaultMetrics: false }) };
  const app = await buildApp(deps, appOptions);
  await app.ready();
  return {
    db,
    config,
    deps,
    app,
    async close() {
      await app.close();
      await pool.end();
      await db.drop();
    },
  };
}

/** A workspace with an API key; `auth` is the Authorization header value. */
export async function createWorkspace(deps: Deps, name = `ws-${Math.random().toString(36).slice(2, 8)}`) {
  const ws = await insertWorkspace(deps.pool, name);
  const { key, row } = await createApiKey(deps.pool, ws.id);
  return { id: ws.id, key, keyId: row.id, auth: `Token ${key}` };
}
