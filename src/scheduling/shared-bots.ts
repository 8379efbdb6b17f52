// The scheduling core shared by V2 event scheduling and V1 automatic bots: one scheduled bot per
// (workspace, deduplication key), attached to the events or meetings it serves, deleted when the last one lets go.
// Every function runs inside the caller's transaction; callers take the key locks first (lockDedupKeys).
import { attachBot, detachBots, scheduledAttachments, unattachedBots, type AttachTarget } from '../db/bot-attachments.js';
import { deleteScheduledBots, insertBot, lockScheduledBotByKey, notifyBotChanged, replaceBotSpec, type BotRow, type BotSource, type BotSpec } from '../db/bots.js';
import type { Queryable } from '../db/pool.js';
import { lockDedupKeys } from '../db/scheduling-locks.js';

export type { AttachTarget } from '../db/bot-attachments.js';

export interface ScheduleSharedBot {
  workspaceId: string;
  /** Deduplication key: scheduled bots with the same key in a workspace are one bot. */
  key: string;
  spec: BotSpec;
  attach: AttachTarget;
  source: BotSource;
  /** Replace the configuration of an existing scheduled bot with `spec` (V2: yes; V1: first creator wins). */
  replaceConfig?: boolean;
}

/**
 * Attaches the target to the scheduled bot holding `key`, creating it if there is none. Takes the key lock itself
 * (a no-op when the caller already holds it). Returns the bot and whether it was created.
 */
export async function scheduleSharedBot(tx: Queryable, req: ScheduleSharedBot): Promise<{ bot: BotRow; created: boolean }> {
  await lockDedupKeys(tx, req.workspaceId, [req.key]);
  const existing = await lockScheduledBotByKey(tx, req.workspaceId, req.key);
  let bot: BotRow;
  let created = false;
  if (existing) {
    bot = req.replaceConfig ?? true ? await replaceBotSpec(tx, existing.id, req.spec) : existing;
  } else {
    bot = await insertBot(tx, req.workspaceId, req.source, req.spec, req.key);
    created = true;
  }
  await attachBot(tx, req.workspaceId, bot.id, req.attach, req.key);
  await notifyBotChanged(tx, bot.id);
  return { bot, created };
}

/** Moves a scheduled bot to a new time / link / config (V1: the meeting moved). */
export async function moveSharedBot(tx: Queryable, workspaceId: string, key: string, spec: BotSpec): Promise<BotRow | null> {
  await lockDedupKeys(tx, workspaceId, [key]);
  const existing = await lockScheduledBotByKey(tx, workspaceId, key);
  if (!existing) return null;
  const bot = await replaceBotSpec(tx, existing.id, spec);
  await notifyBotChanged(tx, bot.id);
  return bot;
}

/**
 * Detaches the target's scheduled bots (all, or all but `keepKey`'s) and deletes those no longer attached to
 * anything. Dispatched bots stay attached. Returns the ids of the deleted bots.
 */
export async function detachSharedBots(tx: Queryable, workspaceId: string, target: AttachTarget, opts: { keepKey?: string } = {}): Promise<string[]> {
  const current = await scheduledAttachments(tx, target);
  const leaving = current.filter((a) => opts.keepKey === undefined || a.deduplication_key !== opts.keepKey);
  if (leaving.length === 0) return [];
  await lockDedupKeys(tx, workspaceId, leaving.map((a) => a.deduplication_key).filter((k): k is string => k !== null));
  const ids = leaving.map((a) => a.bot_id);
  await detachBots(tx, target, ids);
  return deleteIfUnused(tx, ids);
}

/** Deletes the bots among `botIds` that are scheduled and attached to nothing; notifies the dispatch engines. */
export async function deleteIfUnused(tx: Queryable, botIds: string[]): Promise<string[]> {
  const unused = await unattachedBots(tx, botIds);
  const deleted = await deleteScheduledBots(tx, unused);
  for (const id of deleted) await notifyBotChanged(tx, id);
  return deleted;
}
