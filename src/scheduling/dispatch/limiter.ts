// A bounded-concurrency pool: at most `limit` tasks run at once; the rest wait in FIFO order.
export class Limiter {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get active(): number {
    return this.running + this.queue.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  /** Resolves when nothing runs or waits (or after `timeoutMs`). */
  async idle(timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.active > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  }
}
