// The Bot API's operations (api-contract §5): create, change and delete bots before dispatch. Every change is
// announced on `rollcall_bots` in the same transaction, so armed dispatch timers follow it at once.
import { eventIdsOfBot } from '../db/bot-attachments.js';
import { deleteScheduledBots, getBot, insertBot, lockBot, notifyBotChanged, replaceBotSpec, type BotRow, type BotSpec } from '../db/bots.js';
import { withTransaction } from '../db/pool.js';
import type { Deps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import type { RuntimeRegistry } from '../runtimes/registry.js';
import { buildSpec, dispatchTime, isImmediate, parseBotInput } from './bot-config.js';
import { noteEvents } from './event-bots.js';

/** Recall's `{"code":"update_bot_failed","message":…}` answer (§5.4), rendered by the route as is. */
export class UpdateBotFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpdateBotFailed';
  }
}

export async function createBot(deps: Deps, runtimes: RuntimeRegistry, workspaceId: string, body: Record<string, unknown>): Promise<BotRow> {
  const input = parseBotInput(body, { requireMeetingUrl: true });
  const settings = await runtimes.settingsFor(workspaceId);
  const now = new Date();
  const spec = buildSpec({ ...input, parsed: input.parsed! }, { leadMs: settings.dispatchLeadMs, now });
  if (isImmediate(spec, now) && !(await runtimes.instance(settings).hasCapacity())) throw new ApiError('insufficient_bot_capacity');
  return withTransaction(deps.pool, async (tx) => {
    const bot = await insertBot(tx, workspaceId, 'api', spec);
    await notifyBotChanged(tx, bot.id);
    return bot;
  });
}

/** PATCH: the supplied top-level fields replace the stored ones, before dispatch only. */
export async function updateBot(deps: Deps, runtimes: RuntimeRegistry, workspaceId: string, id: string, body: Record<string, unknown>): Promise<BotRow> {
  const input = parseBotInput(body, { requireMeetingUrl: false });
  const settings = await runtimes.settingsFor(workspaceId);
  return withTransaction(deps.pool, async (tx) => {
    const bot = await lockBot(tx, workspaceId, id);
    if (!bot) throw notFound();
    // V1 calendar bots take their configuration from the workspace preset (§5.4).
    if (bot.source === 'v1_meeting') return bot;
    if (bot.phase !== 'scheduled') throw new UpdateBotFailed('Cannot update a bot that has already been dispatched.');
    const now = new Date();
    const joinAt = input.joinAt === undefined ? bot.join_at : (input.joinAt ?? now);
    if (input.joinAt !== undefined && joinAt.getTime() < now.getTime() + settings.dispatchLeadMs) {
      throw new UpdateBotFailed('Not enough time to launch new bot');
    }
    const spec: BotSpec = {
      meetingUrl: input.parsed?.url ?? bot.meeting_url,
      meetingPlatform: input.parsed?.platform ?? bot.meeting_platform,
      meetingId: input.parsed ? input.parsed.meetingId : bot.meeting_id,
      meetingPassword: input.parsed ? input.parsed.password : bot.meeting_password,
      meetingDetails: input.parsed?.details ?? bot.meeting_details,
      botName: input.botName ?? bot.bot_name,
      joinAt,
      dispatchAt: input.joinAt === undefined ? bot.dispatch_at : dispatchTime(joinAt, settings.dispatchLeadMs, now),
      config: { ...bot.config, ...input.config },
      metadata: input.metadata ?? bot.metadata,
    };
    const updated = await replaceBotSpec(tx, bot.id, spec);
    await notifyBotChanged(tx, bot.id);
    return updated;
  });
}

/** DELETE: before dispatch only; detaches the bot from every event and meeting. */
export async function deleteBot(deps: Deps, workspaceId: string, id: string): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    const bot = await lockBot(tx, workspaceId, id);
    if (!bot) throw notFound();
    if (bot.phase !== 'scheduled') throw new ApiError('bot_already_dispatched');
    const eventIds = await eventIdsOfBot(tx, id);
    await noteEvents(tx, eventIds, 'bot_deleted');
    // Attachments go with the row (ON DELETE CASCADE).
    await deleteScheduledBots(tx, [id]);
    await notifyBotChanged(tx, id);
  });
}

export async function findBot(deps: Deps, workspaceId: string, id: string): Promise<BotRow> {
  const bot = await getBot(deps.pool, workspaceId, id);
  if (!bot) throw notFound();
  return bot;
}
