// RELIABILITY_SIZE picks how big the reliability tests run: `ci` (default; the whole suite stays fast) or `large`
// (`npm run reliability`; the figures in docs/reliability.md come from it).
export type ReliabilitySize = 'ci' | 'large';

export const RELIABILITY_SIZE: ReliabilitySize = process.env.RELIABILITY_SIZE === 'large' ? 'large' : 'ci';

/** The CI value or the large value. */
export function sized<T>(ci: T, large: T): T {
  return RELIABILITY_SIZE === 'large' ? large : ci;
}

/** One line of figures on stderr, picked up by the person recording a run. */
export function reportFigures(test: string, figures: Record<string, unknown>): void {
  process.stderr.write(`reliability figures [${RELIABILITY_SIZE}] ${test}: ${JSON.stringify(figures)}\n`);
}
