// withTransaction runs a deadlock victim again instead of surfacing the deadlock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../src/db/pool.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.deps.pool.query('CREATE TABLE tx_rows (id int PRIMARY KEY, n int NOT NULL)');
  await ctx.deps.pool.query('INSERT INTO tx_rows VALUES (1, 0), (2, 0)');
});
afterAll(() => ctx.close());

describe('withTransaction', () => {
  it('retries the deadlock victim so both opposite-order updaters succeed', async () => {
    let attempts = 0;
    const bothLocked = { count: 0, wake: () => undefined as void };
    const barrier = () =>
      new Promise<void>((resolve) => {
        bothLocked.count++;
        if (bothLocked.count === 2) {
          bothLocked.wake();
          resolve();
        } else {
          bothLocked.wake = () => resolve();
          setTimeout(resolve, 2000); // a retry runs alone: do not wait for a partner
        }
      });
    const updater = (first: number, second: number) =>
      withTransaction(ctx.deps.pool, async (tx) => {
        attempts++;
        await tx.query('UPDATE tx_rows SET n = n + 1 WHERE id = $1', [first]);
        await barrier();
        await tx.query('UPDATE tx_rows SET n = n + 1 WHERE id = $1', [second]);
      });
    await Promise.all([updater(1, 2), updater(2, 1)]);
    expect(attempts).toBe(3); // one transaction was chosen as deadlock victim and ran again
    const rows = (await ctx.deps.pool.query('SELECT n FROM tx_rows ORDER BY id')).rows.map((r) => r.n);
    expect(rows).toEqual([2, 2]);
  });
});
