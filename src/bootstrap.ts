// Builds Deps for a process: configuration → logger → database (embedded or external) → migrations → secrets.
import type { Config } from './config/load.js';
import { loadSecretBox } from './crypto/encryption-key.js';
import { openDatabase, type Database } from './db/connect.js';
import { migrate } from './db/migrate.js';
import type { Deps } from './deps.js';
import { createMetrics } from './observability/metrics.js';
import type { Logger } from './observability/logger.js';

export interface Bootstrapped {
  deps: Deps;
  db: Database;
}

export async function bootstrap(config: Config, log: Logger, opts: { role: string; migrate?: boolean }): Promise<Bootstrapped> {
  const db = await openDatabase(config, log, `rollcall-${opts.role}`);
  try {
    if (opts.migrate ?? true) await migrate(db.pool, log);
    const secrets = await loadSecretBox(config);
    return { db, deps: { config, log, pool: db.pool, secrets, metrics: createMetrics() } };
  } catch (err) {
    await db.close();
    throw err;
  }
}
