// The PostgreSQL pool and the small query vocabulary the rest of the code uses. `Queryable` is either the pool or
// a client inside a transaction, so repository functions run in the caller's transaction when there is one.
import pg from 'pg';

// timestamptz arrives as Date; bigint (int8) as number when safe, since counts and sequence numbers fit.
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
export interface Queryable {
  query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export function createPool(url: string, max: number, applicationName = 'rollcall'): Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: applicationName, connectionTimeoutMillis: 10_000 });
  // An idle client's error (server restart) must not crash the process; the pool drops that client.
  pool.on('error', () => undefined);
  // pg-pool removes that idle listener while a client is checked out, so an error event arriving between its queries
  // (e.g. PostgreSQL restarting under a LISTEN or an open transaction) would be unhandled and crash the process.
  // Ignoring it here is safe: the client's next query fails, and releasing it drops it from the pool.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** A deadlock or serialization failure: PostgreSQL aborted the transaction and it can simply run again. */
export function isRetryableConflict(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * Run fn in a transaction; commits on success, rolls back on error. A transaction PostgreSQL aborts as a deadlock
 * victim or serialization failure is run again (up to 3 times), so callers taking several locks never surface a
 * deadlock as an error; fn must therefore only have effects inside the transaction.
 */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (attempt < 3 && isRetryableConflict(err)) {
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 30));
        continue;
      }
      throw err;
    } finally {
      client.release();
    }
  }
}
