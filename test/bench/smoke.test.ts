// Keeps the benchmark suite working: every scenario runs at its smoke size, in-process, on the test run's
// PostgreSQL server, and must complete with its figures. Figures and targets are not asserted (benchmarks are
// not tests; `npm run bench` measures them). Scenarios run concurrently: each has its own database, processes and
// ports, and most of a smoke run is waiting for processes to start.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { scenarios } from '../../bench/scenarios/index.js';

beforeAll(() => {
  process.env.BENCH_PG_ADMIN_URL = inject('pgAdminUrl');
});

describe.concurrent('benchmark scenarios at smoke size', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s completes with its figures', async (_name, scenario) => {
    const result = await scenario.run('smoke');
    expect(Object.keys(result.rollcall).length).toBeGreaterThan(0);
    expect(result.targets.length).toBeGreaterThan(0);
    for (const t of result.targets) expect(typeof t.pass).toBe('boolean');
    const figures = [...Object.values(result.rollcall), ...Object.values(result.baseline)];
    expect(figures.every((v) => (typeof v === 'number' ? !Number.isNaN(v) : typeof v === 'string'))).toBe(true);
  }, 120_000);
});
