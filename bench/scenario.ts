// What every benchmark scenario provides: a run at a given size returning rollcall's figures beside a baseline
// measured in the same run, and the targets they are held to.
export type Size = 'smoke' | 'small' | 'full';

export interface Target {
  name: string;
  /** Human form of the target, e.g. "≤ 200 ms". */
  goal: string;
  actual: number | string;
  pass: boolean;
}

export interface ScenarioResult {
  /** Named figures (units in the name: `p99_ms`, `events_per_s`…). */
  rollcall: Record<string, number | string>;
  baseline: Record<string, number | string>;
  targets: Target[];
  notes?: string[];
}

export interface Scenario {
  name: string;
  description: string;
  run(size: Size): Promise<ScenarioResult>;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
