// Keeps the benchmark suite working: every scenario runs at its smoke size, in-process, on the test run's
// PostgreSQL server, and must complete with its figures. Figures and targets are not asserted (benchmarks are
// not tests; `npm run bench` measures them).
import { inject, it, expect } from 'vitest';
import { scenarios } from '../../bench/scenarios/index.js';

it.each(scenarios.map((s) => [s.name, s] as const))('%s completes at smoke size with its figures', async (_name, scenario) => {
  process.env.BENCH_PG_ADMIN_URL = inject('pgAdminUrl');
  const result = await scenario.run('smoke');
  expect(Object.keys(result.rollcall).length).toBeGreaterThan(0);
  expect(result.targets.length).toBeGreaterThan(0);
  for (const t of result.targets) expect(typeof t.pass).toBe('boolean');
  const figures = Object.values(result.rollcall).concat(Object.values(result.baseline));
  expect(figures.every((v) => (typeof v === 'number' ? !Number.isNaN(v) : typeof v === 'string'))).toBe(true);
}, 90_000);
