// The sync window: events ending within the last SYNC_WINDOW_PAST_DAYS and starting within the next
// SYNC_WINDOW_FUTURE_DAYS. Edges are computed in UTC milliseconds (never by adding calendar days).
import type { Config } from '../config/load.js';

export interface SyncWindow {
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;

export function syncWindow(config: Pick<Config, 'SYNC_WINDOW_PAST_DAYS' | 'SYNC_WINDOW_FUTURE_DAYS'>, now = Date.now()): SyncWindow {
  return { start: new Date(now - config.SYNC_WINDOW_PAST_DAYS * DAY_MS), end: new Date(now + config.SYNC_WINDOW_FUTURE_DAYS * DAY_MS) };
}

export function inWindow(ev: { startTime: Date; endTime: Date }, w: SyncWindow): boolean {
  return ev.endTime.getTime() > w.start.getTime() && ev.startTime.getTime() < w.end.getTime();
}
