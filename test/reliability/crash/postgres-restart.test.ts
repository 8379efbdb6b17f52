// PostgreSQL itself is stopped and started again (same data directory, same port) in the middle of a run, while
// the rollcall processes keep running: they must recover on their own (no process restart), and the invariants
// of the kill test hold at the end.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../../src/db/embedded.js';
import { createLogger } from '../../../src/observability/logger.js';
import { sleep, startCluster, type Cluster } from '../../helpers/cluster.js';
import { reportFigures, sized } from '../../helpers/reliability-size.js';
import { checkAll } from './invariants.js';
import { startWorkload } from './workload.js';

const SIZE = sized({ processes: 2, restarts: 1, runBetweenMs: 6000, downMs: 3000 }, { processes: 3, restarts: 6, runBetweenMs: 20_000, downMs: 5000 });
const log = createLogger({ level: 'warn', pretty: false, destination: process.stderr });

let dir: string;
let server: EmbeddedServer;
let port: number;
let cluster: Cluster;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rollcall-pg-restart-'));
  server = await startEmbeddedPostgres(dir, log);
  port = Number(new URL(server.url).port);
  cluster = await startCluster({ databaseUrl: server.url, processes: SIZE.processes });
  for (const s of cluster.slots) cluster.start(s);
  await Promise.all(cluster.slots.map((s) => cluster.waitReady(s)));
}, 180_000);

afterAll(async () => {
  await cluster?.close();
  await server?.stop().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('recovers from a PostgreSQL restart without restarting any rollcall process', async () => {
  const w = await startWorkload(cluster, server.url, 1);
  const running = w.run({ changeEveryMs: 300, botEveryMs: 700 });
  for (let i = 0; i < SIZE.restarts; i++) {
    await sleep(SIZE.runBetweenMs);
    await server.stop();
    await sleep(SIZE.downMs);
    const again = await startEmbeddedPostgres(dir, log, port);
    expect(again.url).toBe(server.url);
    server = again;
  }
  await sleep(SIZE.runBetweenMs);
  w.stop();
  await running;

  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  pool.on('error', () => undefined);
  try {
    const settleMs = 90_000;
    const { verdicts, violations } = await checkAll(cluster, pool, w, settleMs);
    for (const s of cluster.slots) {
      if (s.history.length !== 1 || s.proc!.child.exitCode !== null) violations.push(`process ${s.index} exited: ${s.proc!.output().slice(-2000)}`);
    }
    reportFigures('postgres-restart', {
      processes: cluster.slots.length, postgresRestarts: SIZE.restarts, downMs: SIZE.downMs, ...w.figures,
      ...Object.fromEntries(verdicts.flatMap((v) => Object.entries(v.detail).map(([k, x]) => [`${v.name}.${k}`, x]))),
      violations: violations.length,
    });
    expect(violations).toEqual([]);
  } finally {
    await pool.end();
  }
}, sized(300_000, 900_000));
