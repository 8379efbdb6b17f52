// When to start each armed bot's launch. A burst (many bots due around one instant) cannot all be launched at its
// instant: a process launches at a limited rate. So the launches are spread "as late as possible" over the window
// before the due times at the measured rate, so that the last of the burst still starts by its due time — but
// never earlier than `maxEarlyMs` before a bot's due time (docs/bots.md "Early launches"). A lone bot starts at its
// due time exactly.

export interface PlannedLaunch {
  id: string;
  dueMs: number;
  startMs: number;
}

/**
 * `armed` is sorted by due time (ascending). `perSecond` is the launch rate to plan for. Walks backwards: each bot
 * starts no later than its due time and at least one launch interval before the next bot's start.
 */
export function planLaunches(armed: { id: string; dueMs: number }[], perSecond: number, maxEarlyMs: number): PlannedLaunch[] {
  const out: PlannedLaunch[] = new Array(armed.length);
  const gap = maxEarlyMs > 0 && perSecond > 0 ? 1000 / perSecond : 0;
  let next = Infinity;
  for (let i = armed.length - 1; i >= 0; i--) {
    const { id, dueMs } = armed[i];
    const start = Math.max(dueMs - maxEarlyMs, Math.min(dueMs, next - gap));
    out[i] = { id, dueMs, startMs: start };
    next = start;
  }
  return out;
}

/** An EWMA of launches completed per second, sampled only over windows where the pool stayed full. */
export class ThroughputMeter {
  private completed = 0;
  private windowStart = performance.now();
  /** Completions in this window that left the pool still full. */
  private saturated = 0;
  /** The constructor's rate is a guess: the first measurement replaces it. */
  private measured = false;

  constructor(
    public perSecond: number,
    private readonly alpha = 0.3,
  ) {}

  /** Launches were submitted to an idle pool: the idle time before is no part of a measurement. */
  wake(): void {
    this.completed = 0;
    this.saturated = 0;
    this.windowStart = performance.now();
  }

  /** One launch finished; `backlog` = launches still running or waiting. */
  done(backlog: number, limit: number): void {
    this.completed++;
    if (backlog >= limit) this.saturated++;
    const now = performance.now();
    const elapsed = now - this.windowStart;
    if (elapsed < 500) return;
    if (elapsed > 2000) return this.wake(); // the window spans idle time
    // A window where the pool was not kept full measures demand, not capacity: keep the estimate.
    if (this.saturated >= 0.8 * this.completed) {
      const sample = (this.completed * 1000) / elapsed;
      this.perSecond = this.measured ? this.alpha * sample + (1 - this.alpha) * this.perSecond : sample;
      this.measured = true;
    }
    this.completed = 0;
    this.saturated = 0;
    this.windowStart = now;
  }
}
