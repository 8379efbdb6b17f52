// Regression (found by test/reliability/crash/postgres-restart.test.ts): a pooled client that is checked out between
// two queries when PostgreSQL ends its session (server restart) emitted an unhandled 'error' event, crashing the
// process. Now the process survives, the client's next query fails, and the pool serves a fresh connection.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPool, type Pool } from '../../src/db/pool.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.url, 2);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

it('survives the server ending the session of a checked-out client', async () => {
  const client = await pool.connect();
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  await admin.end();
  await new Promise((r) => setTimeout(r, 300)); // the FATAL message arrives while no query runs on the client
  await expect(client.query('SELECT 1')).rejects.toThrow();
  client.release(true);
  expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
});
