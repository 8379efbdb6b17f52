// Records a bot's status change reported by its runtime (or rollcall's own `fatal`): the status_changes history,
// the latest status, and the `bot.<code>` webhook in Recall's current format, in one transaction.
import { getBotById, insertStatusChange, setBotStatus, statusChangesOf } from '../db/bots.js';
import { withTransaction, type Pool } from '../db/pool.js';
import { webhookDate } from '../http/format.js';
import type { StatusChange } from '../runtimes/bot-runtime.js';
import { emitWebhook } from '../webhooks/emit.js';
import { BOT_STATUS_CODES, type BotStatusCode } from '../webhooks/event-types.js';

/** Recall's bot status codes (api-contract §5.3). */
export const BOT_STATUSES = [
  'ready', 'joining_call', 'in_waiting_room', 'in_call_not_recording', 'recording_permission_allowed', 'recording_permission_denied',
  'in_call_recording', 'recording_done', 'call_ended', 'done', 'fatal', 'media_expired', 'analysis_done', 'analysis_failed',
] as const;

/** A bot in one of these has left (or never reached) the call: it no longer uses runtime capacity. */
export const FINISHED_STATUSES = ['call_ended', 'done', 'fatal', 'media_expired', 'analysis_done', 'analysis_failed'] as const;

const webhookCodes = new Set<string>(BOT_STATUS_CODES);

/** Returns false when the bot is unknown or the change repeats the latest one (runtimes retry callbacks). */
export async function recordBotStatus(pool: Pool, botId: string, change: StatusChange): Promise<boolean> {
  return withTransaction(pool, async (tx) => {
    const bot = await getBotById(tx, botId);
    if (!bot) return false;
    await tx.query('SELECT 1 FROM bots WHERE id = $1 FOR UPDATE', [botId]);
    const history = (await statusChangesOf(tx, [botId])).get(botId) ?? [];
    const last = history.at(-1);
    if (last && last.code === change.code && (last.sub_code ?? null) === (change.subCode ?? null)) return false;
    const at = new Date(Math.floor((change.at ?? new Date()).getTime()));
    await insertStatusChange(tx, botId, change.code, change.subCode ?? null, change.message ?? null, at);
    await setBotStatus(tx, botId, change.code);
    if (webhookCodes.has(change.code)) {
      await emitWebhook(tx, {
        workspaceId: bot.workspace_id,
        event: `bot.${change.code as BotStatusCode}`,
        data: { data: { code: change.code, sub_code: change.subCode ?? null, updated_at: webhookDate(at) }, bot: { id: bot.id, metadata: bot.metadata } },
      });
    }
    return true;
  });
}
