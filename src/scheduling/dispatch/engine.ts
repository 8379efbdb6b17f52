// The precise dispatch layer (design decision 4, docs/bots.md "Dispatch"). Each worker process:
// - arms: claims bots due within BOT_ARM_HORIZON_MS (lease until due + BOT_CLAIM_GRACE_MS) and sets a timer each;
// - fires: timers due in the same tick are claimed together by one conditional UPDATE (scheduled → launching) and
//   handed to the launcher's bounded pool;
// - sweeps every BOT_SWEEP_INTERVAL_MS: fires due bots nobody holds (a dead process's, ad-hoc ones) and retries
//   launches whose lease passed;
// - listens on `rollcall_bots`: a changed or deleted bot's timer is dropped at once and the bot re-armed.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Histogram } from 'prom-client';
import { claimForArming, fireBots, releaseClaims, sweepDueBots, takeOverLaunches } from '../../db/bot-dispatch.js';
import type { BotRow } from '../../db/bots.js';
import type { Deps } from '../../deps.js';
import type { Logger } from '../../observability/logger.js';
import type { RuntimeRegistry } from '../../runtimes/registry.js';
import { DatabaseClock } from './clock.js';
import { Launcher, type LaunchObserver } from './launcher.js';
import { BotChangeListener } from './listener.js';

const ARM_BATCH = 2000;
const FIRE_BATCH = 1000;
const SWEEP_BATCH = 500;
/** A timer may fire this early against the database clock (clock-offset estimation error). */
const FIRE_TOLERANCE_MS = 25;

function latenessHistogram(deps: Deps): Histogram {
  const name = 'rollcall_bot_dispatch_lateness_seconds';
  return (deps.metrics.registry.getSingleMetric(name) as Histogram | undefined) ?? new Histogram({
    name,
    help: 'Launch time minus due time (join_at - dispatch lead), database clock',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 30],
    registers: [deps.metrics.registry],
  });
}

export class DispatchEngine {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly log: Logger;
  private readonly clock = new DatabaseClock();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly toFire = new Set<string>();
  private fireQueued = false;
  private armQueued: NodeJS.Timeout | null = null;
  private arming: Promise<void> | null = null;
  private loops: NodeJS.Timeout[] = [];
  private sweeping = false;
  private stopped = false;
  private readonly listener: BotChangeListener;
  readonly launcher: Launcher;

  constructor(
    private readonly deps: Deps,
    runtimes: RuntimeRegistry,
    observer: LaunchObserver = {},
  ) {
    this.log = deps.log.child({ component: 'dispatch', engine: this.id });
    const histogram = latenessHistogram(deps);
    this.launcher = new Launcher(deps, runtimes, () => Date.now() + this.clock.offsetMs, {
      launched: (botId, ms) => {
        histogram.observe(Math.max(0, ms) / 1000);
        observer.launched?.(botId, ms);
      },
    });
    this.listener = new BotChangeListener(deps.pool, this.log, (id) => this.onChange(id), () => this.requestArm(0));
  }

  async start(): Promise<void> {
    await this.clock.sync(this.deps.pool);
    await this.listener.start();
    const c = this.deps.config;
    this.loops.push(setInterval(() => this.requestArm(0), c.BOT_ARM_INTERVAL_MS));
    this.loops.push(setInterval(() => void this.sweep(), c.BOT_SWEEP_INTERVAL_MS));
    this.loops.push(setInterval(() => void this.clock.sync(this.deps.pool).catch(() => undefined), 60_000));
    this.requestArm(0);
    this.log.info({ clock_offset_ms: Math.round(this.clock.offsetMs) }, 'dispatch engine started');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const l of this.loops) clearInterval(l);
    if (this.armQueued) clearTimeout(this.armQueued);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await this.listener.stop();
    await this.arming;
    await this.launcher.drain(this.deps.config.SHUTDOWN_TIMEOUT_MS);
    // Bots armed here but not fired go back to the pool so another process arms them without waiting for expiry.
    await releaseClaims(this.deps.pool, this.id).catch(() => undefined);
  }

  /** A bot changed elsewhere: drop its timer and re-arm from the database's current state. */
  private onChange(botId: string): void {
    const t = this.timers.get(botId);
    if (t) {
      clearTimeout(t);
      this.timers.delete(botId);
    }
    this.requestArm(10);
  }

  private requestArm(delayMs: number): void {
    if (this.stopped || this.armQueued) return;
    this.armQueued = setTimeout(() => {
      this.armQueued = null;
      if (this.arming) {
        // One scan at a time; ask again once it is done.
        void this.arming.then(() => this.requestArm(0));
        return;
      }
      this.arming = this.arm().finally(() => (this.arming = null));
    }, delayMs);
  }

  private async arm(): Promise<void> {
    const c = this.deps.config;
    try {
      for (;;) {
        const claims = await claimForArming(this.deps.pool, this.id, c.BOT_ARM_HORIZON_MS, c.BOT_CLAIM_GRACE_MS, ARM_BATCH);
        for (const claim of claims) {
          const old = this.timers.get(claim.id);
          if (old) clearTimeout(old);
          const delay = Math.max(0, this.clock.delayUntil(Number(claim.dispatch_at_ms)));
          this.timers.set(claim.id, setTimeout(() => this.onTimer(claim.id), delay));
        }
        if (claims.length < ARM_BATCH || this.stopped) break;
      }
    } catch (err) {
      if (!this.stopped) this.log.warn({ err }, 'arming failed; the next scan retries');
    }
  }

  private onTimer(botId: string): void {
    this.timers.delete(botId);
    this.toFire.add(botId);
    if (this.fireQueued) return;
    this.fireQueued = true;
    // Every timer expiring in this tick joins one batch.
    setImmediate(() => {
      this.fireQueued = false;
      const ids = [...this.toFire];
      this.toFire.clear();
      for (let i = 0; i < ids.length; i += FIRE_BATCH) void this.fire(ids.slice(i, i + FIRE_BATCH));
    });
  }

  private async fire(ids: string[]): Promise<void> {
    try {
      const rows = await fireBots(this.deps.pool, this.id, ids, this.deps.config.BOT_LAUNCH_TIMEOUT_MS * 2, FIRE_TOLERANCE_MS);
      this.launch(rows);
      // Ids not fired were changed, deleted, taken by another process, or are early by clock skew; the sweep and
      // the change notifications handle each case.
    } catch (err) {
      this.log.warn({ err, count: ids.length }, 'firing failed; the sweep retries');
    }
  }

  private launch(rows: BotRow[]): void {
    if (rows.length) this.launcher.submit(rows);
  }

  private async sweep(): Promise<void> {
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    const lease = this.deps.config.BOT_LAUNCH_TIMEOUT_MS * 2;
    try {
      // Do not take more than the pool can start soon: the rest stays for other processes.
      const room = Math.max(0, this.deps.config.BOT_LAUNCH_CONCURRENCY * 4 - this.launcher.limiter.active);
      if (room > 0) this.launch(await sweepDueBots(this.deps.pool, this.id, lease, Math.min(SWEEP_BATCH, room)));
      if (room > 0) this.launch(await takeOverLaunches(this.deps.pool, this.id, lease, Math.min(SWEEP_BATCH, room)));
    } catch (err) {
      if (!this.stopped) this.log.warn({ err }, 'sweep failed');
    } finally {
      this.sweeping = false;
    }
  }

  /** Bots with an armed timer in this process (for tests and metrics). */
  get armedCount(): number {
    return this.timers.size;
  }
}
