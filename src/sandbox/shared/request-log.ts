// A bounded ring buffer of the provider requests an emulator received, for tests to assert on.
import type { RequestLogEntry } from './control-types.js';

export class RequestLog {
  private readonly buf: (RequestLogEntry | undefined)[];
  private next = 0;
  private size = 0;

  constructor(readonly capacity = 5000) {
    this.buf = new Array(capacity);
  }

  add(entry: RequestLogEntry): void {
    this.buf[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Entries oldest first (newest last), optionally for one account, keeping the newest `limit`. */
  list(opts: { account?: string | null; limit?: number } = {}): RequestLogEntry[] {
    const out: RequestLogEntry[] = [];
    const start = (this.next - this.size + this.capacity) % this.capacity;
    const account = opts.account?.toLowerCase();
    for (let i = 0; i < this.size; i++) {
      const e = this.buf[(start + i) % this.capacity]!;
      if (account && e.account?.toLowerCase() !== account) continue;
      out.push(e);
    }
    return opts.limit !== undefined && opts.limit >= 0 ? out.slice(Math.max(0, out.length - opts.limit)) : out;
  }

  clear(): void {
    this.buf.fill(undefined);
    this.next = 0;
    this.size = 0;
  }
}
