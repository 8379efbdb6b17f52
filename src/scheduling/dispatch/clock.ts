// The offset between this process's clock and the database's: timers are armed on the local clock for instants
// the database decided, so a skewed host still fires on the database's time.
import type { Queryable } from '../../db/pool.js';
import { databaseNowMs } from '../../db/bot-dispatch.js';

export class DatabaseClock {
  /** database time − local time, in ms. */
  offsetMs = 0;

  async sync(db: Queryable): Promise<void> {
    // Take the sample with the shortest round trip of three: its midpoint is the best estimate.
    let best: { rtt: number; offset: number } | null = null;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const wall0 = Date.now();
      const dbMs = await databaseNowMs(db);
      const rtt = performance.now() - t0;
      const offset = dbMs - (wall0 + rtt / 2);
      if (!best || rtt < best.rtt) best = { rtt, offset };
    }
    this.offsetMs = best!.offset;
  }

  /** Local milliseconds until the database clock reaches `dbMs`. */
  delayUntil(dbMs: number): number {
    return dbMs - (Date.now() + this.offsetMs);
  }
}
