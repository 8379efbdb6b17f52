// Per-minute sliding-window limiter (two fixed windows weighted by overlap), in process memory. With several
// API processes each enforces the limit on its own share of traffic; docs/configuration.md says so.
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, { start: number; current: number; previous: number }>();

  constructor(private readonly windowMs = 60_000, private readonly now: () => number = Date.now) {}

  /** Records a hit; returns 0 when allowed, else the whole seconds (≥ 1) until a request would be allowed. */
  hit(key: string, limit: number): number {
    const t = this.now();
    const start = t - (t % this.windowMs);
    let w = this.windows.get(key);
    if (!w || start - w.start >= 2 * this.windowMs) w = { start, current: 0, previous: 0 };
    else if (start !== w.start) w = { start, current: 0, previous: w.current };
    this.windows.set(key, w);
    const elapsed = (t - start) / this.windowMs;
    const estimate = w.previous * (1 - elapsed) + w.current;
    if (estimate + 1 > limit) {
      const toWindowEnd = this.windowMs - (t - start);
      // If this window alone has room, wait until the previous window's weight has decayed enough.
      const decayAt = w.current + 1 <= limit ? (1 - (limit - w.current - 1) / w.previous) * this.windowMs : Infinity;
      const waitMs = Math.min(toWindowEnd, decayAt - (t - start));
      return Math.max(1, Math.ceil(waitMs / 1000));
    }
    w.current++;
    if (this.windows.size > 100_000) this.sweep(start);
    return 0;
  }

  private sweep(start: number): void {
    for (const [k, w] of this.windows) if (start - w.start >= 2 * this.windowMs) this.windows.delete(k);
  }
}
