// Hands fired bots to their runtimes through a bounded pool. Successful launches are recorded in batches (one
// UPDATE for many bots); a failed attempt is deferred for a sweep to retry with the same idempotency key, and after
// BOT_LAUNCH_MAX_ATTEMPTS the bot becomes `fatal` / `runner_unavailable`.
import { abandonLaunch, deferLaunch, markLaunched } from '../../db/bot-dispatch.js';
import type { BotRow } from '../../db/bots.js';
import type { Deps } from '../../deps.js';
import { LaunchError } from '../../runtimes/bot-runtime.js';
import type { RuntimeRegistry } from '../../runtimes/registry.js';
import { recordBotStatus } from '../bot-status.js';
import { ThroughputMeter } from './launch-plan.js';
import { Limiter } from './limiter.js';

/** Launches per second assumed before any burst was measured (low on purpose: it only makes launches earlier). */
const INITIAL_RATE = 300;

export interface LaunchObserver {
  /** Called once per bot launched (ms late against dispatch_at on the database clock). */
  launched?(botId: string, latenessMs: number): void;
}

export class Launcher {
  readonly limiter: Limiter;
  readonly meter = new ThroughputMeter(INITIAL_RATE);
  private pending: { id: string; runtime: string; ref: string | null }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly runtimes: RuntimeRegistry,
    private readonly nowDbMs: () => number,
    private readonly observer: LaunchObserver = {},
  ) {
    this.limiter = new Limiter(deps.config.BOT_LAUNCH_CONCURRENCY);
  }

  submit(rows: BotRow[]): void {
    const limit = this.deps.config.BOT_LAUNCH_CONCURRENCY;
    if (this.limiter.active === 0) this.meter.wake();
    for (const row of rows) {
      void this.limiter.run(() => this.launchOne(row)).finally(() => this.meter.done(this.limiter.active, limit));
    }
  }

  private async launchOne(bot: BotRow): Promise<void> {
    let kind = 'unknown';
    try {
      const runtime = await this.runtimes.forWorkspace(bot.workspace_id);
      kind = runtime.kind;
      const result = await runtime.launch({
        botId: bot.id,
        workspaceId: bot.workspace_id,
        meetingUrl: bot.meeting_url,
        meetingPlatform: bot.meeting_platform,
        joinAt: bot.join_at,
        botName: bot.bot_name,
        metadata: bot.metadata,
        config: bot.config,
      });
      const lateness = this.nowDbMs() - bot.dispatch_at.getTime();
      this.observer.launched?.(bot.id, lateness);
      this.pending.push({ id: bot.id, runtime: kind, ref: result.runtimeRef });
      this.scheduleFlush();
    } catch (err) {
      const log = this.deps.log.child({ bot_id: bot.id, workspace_id: bot.workspace_id });
      const permanent = err instanceof LaunchError && err.permanent;
      if (permanent || bot.launch_attempts >= this.deps.config.BOT_LAUNCH_MAX_ATTEMPTS) {
        log.error({ err, attempts: bot.launch_attempts }, 'bot launch failed for good');
        if (await abandonLaunch(this.deps.pool, bot.id, kind)) {
          await recordBotStatus(this.deps.pool, bot.id, { code: 'fatal', subCode: 'runner_unavailable', message: (err as Error).message.slice(0, 500) });
        }
      } else {
        const backoff = Math.min(30_000, 500 * 2 ** bot.launch_attempts);
        log.warn({ err, attempt: bot.launch_attempts, retry_in_ms: backoff }, 'bot launch failed; will retry');
        await deferLaunch(this.deps.pool, bot.id, backoff).catch(() => undefined);
      }
    }
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      while (this.pending.length) {
        const batch = this.pending.splice(0, 2000);
        await markLaunched(this.deps.pool, batch).catch((err) => {
          // The launches happened; their lease will expire and a retry reuses the idempotency key.
          this.deps.log.error({ err, count: batch.length }, 'could not record launches');
        });
      }
      this.flushing = null;
    });
  }

  async drain(timeoutMs: number): Promise<void> {
    await this.limiter.idle(timeoutMs);
    await this.flushing;
  }
}
