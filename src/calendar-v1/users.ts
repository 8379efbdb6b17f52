// Calendar users as the V1 API shows them (api-contract §3.4) and the user-level operations: preferences,
// disconnecting one platform, deleting the user with everything it owns.
import { connectionsOf, type CalendarUserRow, type ConnectionRow } from '../db/calendar-users.js';
import { deleteCalendarUser } from '../db/calendar-users.js';
import { withTransaction } from '../db/pool.js';
import type { Deps } from '../deps.js';
import { deleteCalendar } from '../calendars/service.js';
import { releaseCalendarBots } from './auto-record.js';

export type V1Platform = 'google' | 'microsoft';

export const toCalendarPlatform = (p: V1Platform) => (p === 'google' ? 'google_calendar' : 'microsoft_outlook') as 'google_calendar' | 'microsoft_outlook';
export const toV1Platform = (p: 'google_calendar' | 'microsoft_outlook'): V1Platform => (p === 'google_calendar' ? 'google' : 'microsoft');

interface ConnectionEntry {
  connected: boolean;
  platform: V1Platform;
  email: string | null;
  id: string | null;
}

/** Exactly two entries, connected ones first, google before microsoft within a group. */
export function connectionEntries(conns: ConnectionRow[]): ConnectionEntry[] {
  const entries: ConnectionEntry[] = (['google', 'microsoft'] as const).map((platform) => {
    const c = conns.find((x) => toV1Platform(x.platform) === platform);
    if (!c) return { connected: false, platform, email: null, id: null };
    return { connected: c.status !== 'disconnected', platform, email: c.email, id: c.calendar_id };
  });
  return [...entries.filter((e) => e.connected), ...entries.filter((e) => !e.connected)];
}

export function renderUser(u: CalendarUserRow, conns: ConnectionRow[]) {
  return {
    id: u.id,
    external_id: u.external_id,
    connections: connectionEntries(conns.filter((c) => c.calendar_user_id === u.id)),
    preferences: {
      id: u.preferences_id,
      record_non_host: u.record_non_host,
      record_recurring: u.record_recurring,
      record_external: u.record_external,
      record_internal: u.record_internal,
      record_confirmed: u.record_confirmed,
      record_only_host: u.record_only_host,
      bot_name: u.bot_name,
    },
  };
}

export async function renderUsers(deps: Deps, users: CalendarUserRow[]) {
  const conns = await connectionsOf(deps.pool, users.map((u) => u.id));
  return users.map((u) => renderUser(u, conns));
}

/** Removes one connection: its scheduled bots are released, then the calendar is deleted (push stopped, syncs cancelled). */
export async function removeConnection(deps: Deps, workspaceId: string, calendarId: string): Promise<void> {
  await withTransaction(deps.pool, (tx) => releaseCalendarBots(tx, workspaceId, calendarId));
  await deleteCalendar(deps, workspaceId, calendarId);
}

export async function disconnectPlatform(deps: Deps, workspaceId: string, userId: string, platform: V1Platform): Promise<void> {
  const conns = await connectionsOf(deps.pool, [userId]);
  for (const c of conns.filter((x) => toV1Platform(x.platform) === platform)) await removeConnection(deps, workspaceId, c.calendar_id);
}

/** DELETE /user/: every connection (and its future bots), then the user; its tokens then fail. */
export async function deleteUser(deps: Deps, workspaceId: string, userId: string): Promise<void> {
  for (const c of await connectionsOf(deps.pool, [userId])) await removeConnection(deps, workspaceId, c.calendar_id);
  await deleteCalendarUser(deps.pool, userId);
}
