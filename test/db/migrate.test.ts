import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations, migrate, SchemaTooNewError } from '../../src/db/migrate.js';
import { createPool, type Pool } from '../../src/db/pool.js';
import { createLogger } from '../../src/observability/logger.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database.js';

const log = createLogger({ level: 'silent', pretty: false });
let db: TestDatabase;
const pools: Pool[] = [];

afterEach(async () => {
  for (const p of pools.splice(0)) await p.end();
  await db?.drop();
});

describe('migrations', () => {
  it('applies every migration once, in order, even when several processes start at the same moment', async () => {
    db = await createEmptyDatabase();
    const runs = await Promise.all([0, 1, 2].map(() => {
      const pool = createPool(db.url, 3);
      pools.push(pool);
      return migrate(pool, log);
    }));
    const all = (await listMigrations()).map((m) => m.version);
    expect(runs.flatMap((r) => r.applied).sort()).toEqual(all);
    const rows = await pools[0].query('SELECT version FROM rollcall_migrations ORDER BY version');
    expect(rows.rows.map((r) => r.version)).toEqual(all);
    const jobs = await pools[0].query(`SELECT to_regclass('graphile_worker._private_jobs') AS t`);
    expect(jobs.rows[0].t).not.toBeNull();
    expect((await migrate(pools[0], log)).applied).toEqual([]);
  });

  it('refuses to run against a schema newer than it knows', async () => {
    db = await createEmptyDatabase();
    const pool = createPool(db.url, 2);
    pools.push(pool);
    await migrate(pool, log);
    await pool.query(`INSERT INTO rollcall_migrations (version, name) VALUES (9999, 'from_the_future')`);
    await expect(migrate(pool, log)).rejects.toBeInstanceOf(SchemaTooNewError);
  });
});
