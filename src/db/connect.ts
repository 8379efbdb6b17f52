// Resolves the database: DATABASE_URL when set (never starts a server), otherwise the embedded server.
import type { Config } from '../config/load.js';
import type { Logger } from '../observability/logger.js';
import { startEmbeddedPostgres } from './embedded.js';
import { createPool, type Pool } from './pool.js';

export interface Database {
  pool: Pool;
  url: string;
  embedded: boolean;
  /** Close the pool, then stop the embedded server if this process started one. */
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: Logger, applicationName = 'rollcall'): Promise<Database> {
  const server = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.ROLLCALL_DATA_DIR, log);
  const url = config.DATABASE_URL ?? server!.url;
  const pool = createPool(url, config.DATABASE_POOL_SIZE, applicationName);
  let closed = false;
  return {
    pool,
    url,
    embedded: server !== null,
    async close() {
      if (closed) return;
      closed = true;
      // pool.end() resolves once clients are told to close, not once their sockets are gone; stopping the
      // embedded server before that would cut them off (and log FATAL 57P01), so wait for each to end.
      const closing: Promise<unknown>[] = [];
      pool.on('remove', (client) => closing.push(new Promise((resolve) => {
        client.once('end', resolve);
        setTimeout(resolve, 2000).unref();
      })));
      await pool.end().catch(() => undefined);
      await Promise.all(closing);
      if (server) await server.stop();
    },
  };
}
