// `POST` / `DELETE /api/v2/calendar-events/{id}/bot/` (api-contract §4.8). Requests are serialised in the database
// (the event row, then the deduplication keys involved, in sorted order), so parallel calls for one key never
// create two bots and never answer 409.
import { clearEventNote, scheduledAttachments } from '../db/bot-attachments.js';
import { withTransaction } from '../db/pool.js';
import { lockDedupKeys, lockEventForScheduling, type LockedEvent } from '../db/scheduling-locks.js';
import type { Deps } from '../deps.js';
import { ApiError, notFound, validationError } from '../errors.js';
import type { RuntimeRegistry } from '../runtimes/registry.js';
import { buildSpec, isImmediate, parseBotInput } from './bot-config.js';
import { noteEvents } from './event-bots.js';
import { detachSharedBots, scheduleSharedBot } from './shared-bots.js';

export interface ScheduleEventBotRequest {
  deduplication_key: string;
  bot_config: Record<string, unknown>;
}

const refuse = (msg: string) => validationError({ non_field_errors: [msg] });

function checkSchedulable(event: LockedEvent, now: Date): void {
  if (event.is_deleted) throw refuse('Cannot schedule bot as calendar event has been deleted.');
  if (event.end_time.getTime() <= now.getTime()) throw refuse('Cannot schedule bot as calendar event has ended.');
}

/** Schedules (or re-configures) the event's bot under `deduplication_key`. Returns nothing: the caller renders the event. */
export async function scheduleEventBot(deps: Deps, runtimes: RuntimeRegistry, workspaceId: string, eventId: string, req: ScheduleEventBotRequest): Promise<void> {
  const config = { ...req.bot_config };
  const urlGiven = typeof config.meeting_url === 'string' && config.meeting_url !== '';
  const settings = await runtimes.settingsFor(workspaceId);
  try {
    await withTransaction(deps.pool, async (tx) => {
      const event = await lockEventForScheduling(tx, workspaceId, eventId);
      if (!event) throw notFound();
      const now = new Date();
      checkSchedulable(event, now);
      const meetingUrl = urlGiven ? config.meeting_url : event.meeting_url;
      if (!meetingUrl) throw refuse('Cannot schedule bot as calendar event does not have a meeting url.');
      let input;
      try {
        input = parseBotInput({ ...config, meeting_url: meetingUrl }, { requireMeetingUrl: true });
      } catch (err) {
        // A bad field inside bot_config is reported under bot_config; an unusable link is the event's problem.
        const errors = (err as ApiError).options?.errors ?? {};
        if (errors.meeting_url && Object.keys(errors).length === 1) throw refuse('Cannot schedule bot as calendar event does not have a meeting url.');
        throw validationError({ bot_config: errors });
      }
      if (event.calendar_status === 'disconnected') throw refuse('Cannot schedule bot as calendar is disconnected.');
      const spec = buildSpec({ ...input, parsed: input.parsed! }, { leadMs: settings.dispatchLeadMs, now, defaultJoinAt: event.start_time });
      if (isImmediate(spec, now) && !(await runtimes.instance(settings).hasCapacity())) throw new ApiError('insufficient_bot_capacity');
      // Every key this request touches, locked in one sorted pass (no lock-order deadlocks).
      const current = await scheduledAttachments(tx, { eventId });
      await lockDedupKeys(tx, workspaceId, [req.deduplication_key, ...current.map((a) => a.deduplication_key).filter((k): k is string => k !== null)]);
      await detachSharedBots(tx, workspaceId, { eventId }, { keepKey: req.deduplication_key });
      await scheduleSharedBot(tx, { workspaceId, key: req.deduplication_key, spec, attach: { eventId }, source: 'v2_event', replaceConfig: true });
      await clearEventNote(tx, eventId);
    });
  } catch (err) {
    if (err instanceof ApiError && err.code === 'insufficient_bot_capacity') await noteEvents(deps.pool, [eventId], 'runtime_capacity').catch(() => undefined);
    throw err;
  }
}

/** Removes the event's scheduled bots (idempotent); dispatched or finished bots stay attached. */
export async function unscheduleEventBot(deps: Deps, workspaceId: string, eventId: string): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    const event = await lockEventForScheduling(tx, workspaceId, eventId);
    if (!event) throw notFound();
    const current = await scheduledAttachments(tx, { eventId });
    if (current.length === 0) return;
    await detachSharedBots(tx, workspaceId, { eventId });
    await noteEvents(tx, [eventId], 'unscheduled');
  });
}
