// How hard the abuse suite pushes: `ci` (default) keeps the folder near a minute; `large` is the documented deep
// run (`RELIABILITY_SIZE=large npx vitest run test/reliability/abuse`). `RELIABILITY_SEED` replays a fuzz run.
export type ReliabilitySize = 'ci' | 'large';

export const SIZE: ReliabilitySize = process.env.RELIABILITY_SIZE === 'large' ? 'large' : 'ci';

const FIGURES = {
  ci: { runsPerRoute: 10, maxString: 20_000, maxArray: 200, testTimeoutMs: 120_000 },
  large: { runsPerRoute: 200, maxString: 400_000, maxArray: 5_000, testTimeoutMs: 3_600_000 },
} as const;

export const FIGURES_FOR_SIZE = FIGURES[SIZE];

/** A fixed seed unless one is given, so a CI failure replays exactly; the large run draws a fresh one. */
export const SEED = process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : SIZE === 'ci' ? 20250601 : Date.now() % 2 ** 31;
