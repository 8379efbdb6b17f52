// Three `rollcall serve` processes on one database under a steady workload (event changes at the emulators, bots
// due every few seconds, webhooks); a random process is SIGKILLed at random moments and restarted. At the end:
// every provider change is in the events table, every bot was launched exactly once, every webhook message was
// delivered at least once with a stable id, and no job is stuck.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sleep, startCluster, type Cluster } from '../../helpers/cluster.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { reportFigures, sized } from '../../helpers/reliability-size.js';
import { checkAll } from './invariants.js';
import { startWorkload } from './workload.js';

const SIZE = sized(
  { accountsPerPlatform: 1, churnMs: 20_000, minKills: 10, killEveryMs: [1500, 3500] as const },
  // A restart takes 6–12 s on a 2-core machine (tsx compiles at start), so kills come every 3–8 s: each
  // process dies many times while the others keep serving.
  { accountsPerPlatform: 2, churnMs: 300_000, minKills: 50, killEveryMs: [3000, 8000] as const },
);

let db: TestDatabase;
let pool: pg.Pool;
let cluster: Cluster;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  cluster = await startCluster({ databaseUrl: db.url, processes: 3 });
  for (const s of cluster.slots) cluster.start(s);
  await Promise.all(cluster.slots.map((s) => cluster.waitReady(s)));
}, 180_000);

afterAll(async () => {
  await cluster?.close();
  await pool?.end();
  await db?.drop();
});

it('loses nothing and duplicates nothing while processes are SIGKILLed', async () => {
  const w = await startWorkload(cluster, db.url, SIZE.accountsPerPlatform);
  const running = w.run({ changeEveryMs: 300, botEveryMs: 700 });

  // Each kill hits a process that is up (it finished starting): a random one, at a random moment.
  let kills = 0;
  const end = Date.now() + SIZE.churnMs;
  while (Date.now() < end || kills < SIZE.minKills) {
    const [lo, hi] = SIZE.killEveryMs;
    await sleep(lo + Math.random() * (hi - lo));
    while (!cluster.slots.some((s) => s.ready)) await sleep(50);
    const up = cluster.slots.filter((s) => s.ready);
    const slot = up[Math.floor(Math.random() * up.length)];
    await cluster.kill(slot);
    kills++;
    cluster.start(slot);
  }
  w.stop();
  await running;
  await Promise.all(cluster.slots.map((s) => cluster.waitReady(s)));

  const settleMs = 90_000;
  const { verdicts, violations } = await checkAll(cluster, pool, w, settleMs);
  reportFigures('kills', {
    processes: cluster.slots.length, kills, startupMsMax: Math.max(...cluster.slots.flatMap((s) => s.startupMs)), ...w.figures,
    ...Object.fromEntries(verdicts.flatMap((v) => Object.entries(v.detail).map(([k, x]) => [`${v.name}.${k}`, x]))),
    violations: violations.length,
  });
  expect(violations).toEqual([]);
  expect(kills).toBeGreaterThanOrEqual(SIZE.minKills);
  expect(w.figures.botsCreated).toBeGreaterThan(5);
}, sized(400_000, 900_000));
