// Writes one sync pass's listing in one transaction: changed events get the batch's single updated_at T,
// deletions keep their last full raw, bots of newly deleted events are unscheduled, the calendar's sync state
// and health advance, and the webhooks (calendar.update on connect, calendar.sync_events on change or first
// sync) go to the outbox in the same transaction.
import { markEventsDeleted, markUnseenDeleted, upsertEvents, type EventWrite } from '../../db/calendar-events.js';
import { getCalendarById, nextBatchTimestamp, setCalendarStatus, updateCalendar, type CalendarPatch, type CalendarRow } from '../../db/calendars.js';
import { withTransaction } from '../../db/pool.js';
import type { Deps } from '../../deps.js';
import { onCalendarEventsChanged } from '../../calendar-v1/auto-record.js';
import type { ProviderEvent } from '../../providers/provider.js';
import { emitCalendarUpdate, emitSyncEvents } from '../calendar-webhooks.js';
import { unscheduleEvents } from '../event-bots-bridge.js';
import { inWindow, type SyncWindow } from '../window.js';
import { toEventWrite } from './event-write.js';

export interface Listing {
  events: ProviderEvent[];
  /** A complete listing of the window (unseen rows are deletions) rather than a set of changes. */
  full: boolean;
  syncState: string | null;
  window: SyncWindow;
  requests: number;
}

export interface ApplyResult {
  applied: boolean;
  changed: number;
  lastUpdated: Date | null;
}

/** Last occurrence wins when a listing repeats an id (pages of a delta can). */
function lastById(events: ProviderEvent[]): ProviderEvent[] {
  const byId = new Map<string, ProviderEvent>();
  for (const ev of events) byId.set(ev.platformId, ev);
  return [...byId.values()];
}

export async function applyListing(deps: Deps, started: CalendarRow, listing: Listing, email: string): Promise<ApplyResult> {
  const events = lastById(listing.events);
  const writes: EventWrite[] = [];
  const removals: string[] = [];
  for (const ev of events) {
    // Cancelled, deleted, or outside the window (moved away, or beyond the future edge): a deletion if stored.
    if (ev.isDeleted || !ev.raw || !inWindow(ev, listing.window)) removals.push(ev.platformId);
    else writes.push(toEventWrite(started.platform, { ...ev, raw: ev.raw }));
  }
  return withTransaction(deps.pool, async (tx) => {
    const cal = await getCalendarById(tx, started.id, true);
    // Deleted, disconnected or re-credentialed meanwhile: this pass's results belong to a past state.
    if (!cal || cal.deleted_at || cal.status === 'disconnected' || cal.credentials_version !== started.credentials_version) {
      return { applied: false, changed: 0, lastUpdated: null };
    }
    const t = await nextBatchTimestamp(tx, cal.id);
    const written = await upsertEvents(tx, cal.workspace_id, cal.id, t, writes);
    const deleted = await markEventsDeleted(tx, cal.id, removals, t);
    if (listing.full) {
      const seen = events.map((e) => e.platformId);
      deleted.push(...(await markUnseenDeleted(tx, cal.id, seen, listing.window, t)));
    }
    await unscheduleEvents(tx, deleted);
    // V1 connections: auto-recording re-evaluates the changed meetings in this transaction (moves/removes bots).
    if (cal.calendar_user_id) await onCalendarEventsChanged(deps, tx, cal.id, [...written, ...deleted]);
    const changed = written.length + deleted.length;
    const firstSync = cal.status === 'connecting';
    const now = new Date();
    const patch: CalendarPatch = {
      sync_state: listing.syncState,
      last_sync_at: now,
      last_sync_error: null,
      last_sync_error_at: null,
      consecutive_failures: 0,
      backoff_until: null,
      platform_email: email,
    };
    if (listing.full) Object.assign(patch, { last_full_sync_at: now, sync_window_start: listing.window.start, sync_window_end: listing.window.end });
    if (changed > 0 || firstSync) patch.last_events_ts = t;
    const emailChanged = cal.platform_email !== email;
    const updated = firstSync ? await setCalendarStatus(tx, cal.id, 'connected', undefined, patch) : await updateCalendar(tx, cal.id, patch);
    if (firstSync || emailChanged) await emitCalendarUpdate(tx, updated!);
    if (changed > 0 || firstSync) await emitSyncEvents(tx, updated!, t);
    return { applied: true, changed, lastUpdated: changed > 0 || firstSync ? t : null };
  });
}
