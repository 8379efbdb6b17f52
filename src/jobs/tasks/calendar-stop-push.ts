// Stops the push channel of a deleted calendar at the provider (best effort: a channel left running expires on
// its own, and its notifications no longer match any calendar).
import { getCalendarById } from '../../db/calendars.js';
import { stopChannelQuietly } from '../../calendars/sync/push.js';
import { defineTask } from '../define.js';

export const calendarStopPushTask = defineTask<{ calendarId: string; channelId: string; resourceId: string | null }>(
  'calendar_stop_push',
  async ({ calendarId, channelId, resourceId }, { deps, log }) => {
    const cal = await getCalendarById(deps.pool, calendarId);
    if (!cal) return;
    await stopChannelQuietly(deps, cal, { id: channelId, resourceId, expiresAt: new Date(), secret: '' }, log.child({ calendar_id: calendarId }));
  },
);
