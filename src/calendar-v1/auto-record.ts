// V1 automatic bots (api-contract §3.7–3.8): after any change to a meeting, a preference or an override, each
// affected meeting's bot is made to match its decision — scheduled, moved, or detached (and deleted when no
// other meeting uses it) — through the shared scheduling core, inside the caller's transaction.
import type { ParsedMeetingUrl } from '../calendars/meeting-url/index.js';
import { meetingIdentity } from '../calendars/meeting-url/index.js';
import { scheduledAttachments } from '../db/bot-attachments.js';
import { lockScheduledBotByKey, replaceBotSpec, notifyBotChanged, type BotSpec } from '../db/bots.js';
import { findCalendarUserById, type CalendarUserRow } from '../db/calendar-users.js';
import {
  attachmentsOfBot,
  meetingsToEvaluate,
  meetingsWithScheduledBots,
  rekeyScheduledBot,
  setBotKey,
  v1CalendarOf,
  type MeetingRow,
} from '../db/calendar-meetings.js';
import type { Queryable } from '../db/pool.js';
import { lockDedupKeys } from '../db/scheduling-locks.js';
import type { Deps } from '../deps.js';
import { workspaceRuntimeSettings } from '../runtimes/settings.js';
import { buildSpec, parseBotInput } from '../scheduling/bot-config.js';
import { detachSharedBots, scheduleSharedBot } from '../scheduling/shared-bots.js';
import { evaluateMeeting } from './meeting-view.js';
import { v1Settings, type V1Settings } from './settings.js';

/** The deduplication key of a V1 meeting's bot: calendar platform (unless ignored), meeting identity, start. */
export function v1BotKey(settings: V1Settings, row: MeetingRow, parsed: ParsedMeetingUrl): string {
  const start = row.start_time.toISOString();
  if (!settings.deduplicate_bots) return `v1:meeting:${row.id}:${start}`;
  const cal = settings.deduplicate_across_platforms ? 'any' : row.calendar_platform;
  return `v1:${cal}:${meetingIdentity(parsed)}:${start}`;
}

interface Context {
  settings: V1Settings;
  leadMs: number;
  users: Map<string, CalendarUserRow | null>;
}

async function contextFor(deps: Deps, tx: Queryable, workspaceId: string, cache: Map<string, Context>): Promise<Context> {
  let ctx = cache.get(workspaceId);
  if (!ctx) {
    const [settings, runtime] = await Promise.all([v1Settings(tx, workspaceId), workspaceRuntimeSettings(deps, tx, workspaceId)]);
    ctx = { settings, leadMs: runtime.dispatchLeadMs, users: new Map() };
    cache.set(workspaceId, ctx);
  }
  return ctx;
}

function specFor(ctx: Context, user: CalendarUserRow, row: MeetingRow, parsed: ParsedMeetingUrl, now: Date): BotSpec {
  // The preset holds any Create Bot fields; the meeting gives the link and time, the user the bot name.
  const input = parseBotInput({ ...ctx.settings.bot_preset, meeting_url: parsed.url, bot_name: user.bot_name }, { requireMeetingUrl: true });
  const joinAt = new Date(row.start_time.getTime() - ctx.settings.join_lead_seconds * 1000);
  return buildSpec({ ...input, parsed, joinAt: undefined }, { leadMs: ctx.leadMs, now, defaultJoinAt: joinAt });
}

/** Brings one meeting's bot in line with its decision. */
async function reconcileMeeting(tx: Queryable, ctx: Context, user: CalendarUserRow, row: MeetingRow, now: Date): Promise<void> {
  const m = evaluateMeeting(row, user, now.getTime());
  const target = { meetingId: row.id };
  if (!m.decision.willRecord || !m.parsed) {
    // Most meetings never had a bot: no scheduling work (and no locks) for them.
    if (row.bot_id !== null) await detachSharedBots(tx, row.workspace_id, target);
    if (row.bot_key !== null) await setBotKey(tx, row.id, user.id, null);
    return;
  }
  const key = v1BotKey(ctx.settings, row, m.parsed);
  const spec = specFor(ctx, user, row, m.parsed, now);
  const current = await scheduledAttachments(tx, target);
  const same = current.find((a) => a.deduplication_key === key);
  if (same) {
    // Still the right bot; a new bot_name applies while not dispatched, when this meeting created the bot.
    const owners = await attachmentsOfBot(tx, same.bot_id);
    if (owners[0]?.meeting_id === row.id) {
      await lockDedupKeys(tx, row.workspace_id, [key]);
      const bot = await lockScheduledBotByKey(tx, row.workspace_id, key);
      if (bot && (bot.bot_name !== spec.botName || bot.join_at.getTime() !== spec.joinAt.getTime())) {
        await replaceBotSpec(tx, bot.id, spec);
        await notifyBotChanged(tx, bot.id);
      }
    }
    if (current.length > 1) await detachSharedBots(tx, row.workspace_id, target, { keepKey: key });
    if (row.bot_key !== key) await setBotKey(tx, row.id, user.id, key);
    return;
  }
  // The bot of this meeting and key was deleted through the Bot API: not re-created until time or link change.
  if (row.bot_key === key) return;
  // The meeting moved (time or link): its own unshared bot moves with it, keeping its id.
  if (current.length === 1 && current[0].deduplication_key) {
    const old = current[0];
    const owners = await attachmentsOfBot(tx, old.bot_id);
    if (owners.length === 1) {
      await lockDedupKeys(tx, row.workspace_id, [old.deduplication_key!, key]);
      if (!(await lockScheduledBotByKey(tx, row.workspace_id, key))) {
        const bot = await lockScheduledBotByKey(tx, row.workspace_id, old.deduplication_key!);
        if (bot && bot.id === old.bot_id) {
          await replaceBotSpec(tx, bot.id, spec);
          await rekeyScheduledBot(tx, bot.id, key);
          await notifyBotChanged(tx, bot.id);
          await setBotKey(tx, row.id, user.id, key);
          return;
        }
      }
    }
  }
  await detachSharedBots(tx, row.workspace_id, target, { keepKey: key });
  await scheduleSharedBot(tx, { workspaceId: row.workspace_id, key, spec, attach: target, source: 'v1_meeting', replaceConfig: false });
  await setBotKey(tx, row.id, user.id, key);
}

async function reconcileRows(deps: Deps, tx: Queryable, rows: MeetingRow[]): Promise<void> {
  const contexts = new Map<string, Context>();
  const now = new Date();
  for (const row of rows) {
    const ctx = await contextFor(deps, tx, row.workspace_id, contexts);
    if (!ctx.users.has(row.calendar_user_id)) ctx.users.set(row.calendar_user_id, await findCalendarUserById(tx, row.calendar_user_id));
    const user = ctx.users.get(row.calendar_user_id);
    if (user) await reconcileMeeting(tx, ctx, user, row, now);
  }
}

/**
 * The sync engine's hook: events of a calendar changed (written or deleted) in the sync transaction `tx`.
 * A no-op for V2 calendars.
 */
export async function onCalendarEventsChanged(deps: Deps, tx: Queryable, calendarId: string, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0 || !(await v1CalendarOf(tx, calendarId))) return;
  await reconcileRows(deps, tx, await meetingsToEvaluate(tx, { calendarId, eventIds }));
}

/** Preferences changed: every upcoming meeting of the user is re-evaluated. */
export async function reevaluateUser(deps: Deps, tx: Queryable, userId: string): Promise<void> {
  await reconcileRows(deps, tx, await meetingsToEvaluate(tx, { userId }));
}

export async function reevaluateMeeting(deps: Deps, tx: Queryable, row: MeetingRow): Promise<void> {
  await reconcileRows(deps, tx, [row]);
}

/** A connection goes away: detach the scheduled bots of its meetings (deleted when nothing else uses them). */
export async function releaseCalendarBots(tx: Queryable, workspaceId: string, calendarId: string): Promise<void> {
  for (const meetingId of await meetingsWithScheduledBots(tx, calendarId)) await detachSharedBots(tx, workspaceId, { meetingId });
}
