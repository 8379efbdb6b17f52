// The built-in runtime: no meeting is joined; each bot walks Recall's status sequence on timers
// (joining_call → in_waiting_room → in_call_recording → call_ended → done), or ends `fatal` at the configured
// rate. Capacity is counted in the database, so an ad-hoc bot beyond the pool answers 507 from any process.
import { countActiveBots } from '../../db/bots.js';
import type { Pool } from '../../db/pool.js';
import type { Logger } from '../../observability/logger.js';
import { FINISHED_STATUSES } from '../../scheduling/bot-status.js';
import type { BotRuntime, LaunchRequest, LaunchResult, StatusReporter } from '../bot-runtime.js';
import type { RuntimeSettings } from '../settings.js';

interface Walk {
  timer: NodeJS.Timeout | null;
  inCall: boolean;
}

// One table per process: leave_call reaches a walk whichever runtime instance (API or dispatcher) started it.
const walks = new Map<string, Walk>();

export class SimulatedRuntime implements BotRuntime {
  readonly kind = 'simulated' as const;
  readonly dispatchLeadMs: number;
  private readonly walks = walks;
  private readonly mine = new Set<string>();

  constructor(
    private readonly settings: RuntimeSettings,
    private readonly pool: Pool,
    private readonly report: StatusReporter,
    private readonly log: Logger,
  ) {
    this.dispatchLeadMs = settings.dispatchLeadMs;
  }

  async launch(req: LaunchRequest): Promise<LaunchResult> {
    const ref = `sim_${req.botId}`;
    if (this.walks.has(req.botId)) return { runtimeRef: ref }; // a retried launch: same bot
    const { stepMs, callMs, failurePercent } = this.settings.simulated;
    const fails = Math.random() * 100 < failurePercent;
    const steps: [number, string, string | null][] = fails
      ? [[0, 'joining_call', null], [stepMs, 'fatal', 'bot_errored']]
      : [[0, 'joining_call', null], [stepMs, 'in_waiting_room', null], [stepMs, 'in_call_recording', null], [callMs, 'call_ended', 'call_ended_by_host'], [stepMs, 'done', null]];
    const walk: Walk = { timer: null, inCall: false };
    this.walks.set(req.botId, walk);
    this.mine.add(req.botId);
    const run = (i: number) => {
      if (i >= steps.length || !this.walks.has(req.botId)) {
        this.walks.delete(req.botId);
        return;
      }
      const [, code, subCode] = steps[i];
      walk.inCall = code === 'in_waiting_room' || code === 'in_call_recording';
      this.report(req.botId, { code, subCode })
        .catch((err) => this.log.warn({ err, bot_id: req.botId }, 'simulated status not recorded'))
        .finally(() => {
          if (i + 1 < steps.length) walk.timer = setTimeout(() => run(i + 1), steps[i + 1][0]);
          else this.walks.delete(req.botId);
        });
    };
    walk.timer = setTimeout(() => run(0), Math.max(0, req.joinAt.getTime() - Date.now()));
    return { runtimeRef: ref };
  }

  async cancel(bot: { botId: string }): Promise<void> {
    const walk = this.walks.get(bot.botId);
    if (!walk) return;
    if (walk.timer) clearTimeout(walk.timer);
    this.walks.delete(bot.botId);
    if (walk.inCall) {
      await this.report(bot.botId, { code: 'call_ended', subCode: 'bot_received_leave_call' });
      await this.report(bot.botId, { code: 'done' });
    }
  }

  async hasCapacity(): Promise<boolean> {
    return (await countActiveBots(this.pool, 'simulated', FINISHED_STATUSES)) < this.settings.simulated.poolSize;
  }

  async close(): Promise<void> {
    for (const id of this.mine) {
      const w = this.walks.get(id);
      if (w?.timer) clearTimeout(w.timer);
      this.walks.delete(id);
    }
    this.mine.clear();
  }
}
