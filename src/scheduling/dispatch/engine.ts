// The precise dispatch layer (design decision 4, docs/bots.md "Dispatch"). Each worker process:
// - arms: claims bots due within BOT_ARM_HORIZON_MS (lease until due + BOT_CLAIM_GRACE_MS), in chunks so that
//   processes share a burst;
// - plans: armed bots start launching at their due time, or earlier (at most BOT_DISPATCH_MAX_EARLY_MS) when a
//   burst due around the same instant would otherwise make them late at the measured launch rate (launch-plan.ts);
// - fires: bots whose start time came are claimed together by one conditional UPDATE (scheduled → launching) and
//   handed to the launcher's bounded pool;
// - sweeps every BOT_SWEEP_INTERVAL_MS: fires due bots nobody holds (a dead process's, ad-hoc ones) and retries
//   launches whose lease passed;
// - listens on `rollcall_bots`: a changed or deleted bot's planned start is dropped at once and the bot re-armed.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Histogram } from 'prom-client';
import { claimForArming, fireBots, releaseClaims, sweepDueBots, takeOverLaunches } from '../../db/bot-dispatch.js';
import type { BotRow } from '../../db/bots.js';
import type { Deps } from '../../deps.js';
import type { Logger } from '../../observability/logger.js';
import type { RuntimeRegistry } from '../../runtimes/registry.js';
import { DatabaseClock } from './clock.js';
import { planLaunches, type PlannedLaunch } from './launch-plan.js';
import { Launcher, type LaunchObserver } from './launcher.js';
import { BotChangeListener } from './listener.js';

/** Claimed per scan; a full chunk scans again shortly, so processes scanning together share a burst. */
const ARM_CHUNK = 500;
const ARM_CHUNK_PAUSE_MS = 30;
const FIRE_BATCH = 1000;
/** Starts within this window are fired together (one UPDATE for many bots instead of one each). */
const FIRE_COALESCE_MS = 20;
/** Plan for this share of the measured launch rate, so that estimation error makes launches early, not late. */
const RATE_SAFETY = 0.75;
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
  /** Armed bots: id → due time (database clock, ms). */
  private readonly armed = new Map<string, number>();
  private plan: PlannedLaunch[] = [];
  private planAt = 0;
  private plannedRate = 0;
  private timer: NodeJS.Timeout | null = null;
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
    this.loops.push(setInterval(() => this.replanOnRateChange(), 1000));
    this.requestArm(0);
    this.log.info({ clock_offset_ms: Math.round(this.clock.offsetMs) }, 'dispatch engine started');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const l of this.loops) clearInterval(l);
    if (this.armQueued) clearTimeout(this.armQueued);
    if (this.timer) clearTimeout(this.timer);
    this.armed.clear();
    this.plan = [];
    await this.listener.stop();
    await this.arming;
    await this.launcher.drain(this.deps.config.SHUTDOWN_TIMEOUT_MS);
    // Bots armed here but not fired go back to the pool so another process arms them without waiting for expiry.
    await releaseClaims(this.deps.pool, this.id).catch(() => undefined);
  }

  /** A bot changed elsewhere: drop its planned start and re-arm from the database's current state. */
  private onChange(botId: string): void {
    // Planned entries of a bot no longer armed are skipped when their time comes.
    this.armed.delete(botId);
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
        const claims = await claimForArming(this.deps.pool, this.id, c.BOT_ARM_HORIZON_MS, c.BOT_CLAIM_GRACE_MS, ARM_CHUNK);
        for (const claim of claims) this.armed.set(claim.id, Number(claim.dispatch_at_ms));
        if (claims.length) this.replan();
        if (claims.length < ARM_CHUNK || this.stopped) break;
        await new Promise((r) => setTimeout(r, ARM_CHUNK_PAUSE_MS));
      }
    } catch (err) {
      if (!this.stopped) this.log.warn({ err }, 'arming failed; the next scan retries');
    }
  }

  /** Recomputes every armed bot's start time (after new claims, and as the measured launch rate changes). */
  private replan(): void {
    this.plannedRate = this.launcher.meter.perSecond;
    const entries = [...this.armed].map(([id, dueMs]) => ({ id, dueMs })).sort((a, b) => a.dueMs - b.dueMs);
    this.plan = planLaunches(entries, this.plannedRate * RATE_SAFETY, this.deps.config.BOT_DISPATCH_MAX_EARLY_MS)
      .sort((a, b) => a.startMs - b.startMs);
    this.planAt = 0;
    this.schedule();
  }

  /** A burst in progress: plan the rest at the rate the pool turned out to have. */
  private replanOnRateChange(): void {
    const rate = this.launcher.meter.perSecond;
    if (this.armed.size > 0 && Math.abs(rate - this.plannedRate) > 0.2 * this.plannedRate) this.replan();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || this.planAt >= this.plan.length) return;
    const delay = Math.max(0, this.clock.delayUntil(this.plan[this.planAt].startMs));
    this.timer = setTimeout(() => this.onTimer(), delay);
  }

  private onTimer(): void {
    this.timer = null;
    const horizon = Date.now() + this.clock.offsetMs + FIRE_COALESCE_MS;
    const ids: string[] = [];
    while (this.planAt < this.plan.length && this.plan[this.planAt].startMs <= horizon) {
      const p = this.plan[this.planAt++];
      if (this.armed.get(p.id) !== p.dueMs) continue; // changed or re-armed since planned
      this.armed.delete(p.id);
      ids.push(p.id);
    }
    for (let i = 0; i < ids.length; i += FIRE_BATCH) void this.fire(ids.slice(i, i + FIRE_BATCH));
    this.schedule();
  }

  private async fire(ids: string[]): Promise<void> {
    try {
      // The database refuses a launch earlier than the maximum early window allows (plus clock estimation error).
      const tolerance = this.deps.config.BOT_DISPATCH_MAX_EARLY_MS + FIRE_TOLERANCE_MS;
      const rows = await fireBots(this.deps.pool, this.id, ids, this.deps.config.BOT_LAUNCH_TIMEOUT_MS * 2, tolerance);
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
    return this.armed.size;
  }
}
