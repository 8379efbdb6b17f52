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
  return pool;
}

/** Run fn in a transaction; commits on success, rolls back on error. */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
