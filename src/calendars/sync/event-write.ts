// A provider event as the row the sync writes: meeting link detected, and a hash of everything provider-derived
// so an unchanged event is recognised without comparing JSON in the database.
import { createHash } from 'node:crypto';
import type { EventWrite } from '../../db/calendar-events.js';
import type { CalendarPlatform, ProviderEvent } from '../../providers/provider.js';
import { detectMeeting, googleEventSources, graphEventSources } from '../meeting-url/index.js';

export function toEventWrite(platform: CalendarPlatform, ev: ProviderEvent & { raw: Record<string, unknown> }): EventWrite {
  const sources = platform === 'google_calendar' ? googleEventSources(ev.raw) : graphEventSources(ev.raw);
  const meeting = detectMeeting(sources);
  const write = {
    platformId: ev.platformId,
    icalUid: ev.icalUid,
    startTime: ev.startTime,
    endTime: ev.endTime,
    isAllDay: ev.isAllDay,
    meetingUrl: meeting?.url ?? null,
    meetingPlatform: meeting?.platform ?? null,
    raw: ev.raw,
  };
  const hash = createHash('sha256')
    .update(JSON.stringify([write.icalUid, write.startTime.toISOString(), write.endTime.toISOString(), write.isAllDay, write.meetingUrl, write.meetingPlatform]))
    .update(JSON.stringify(ev.raw))
    .digest('base64url');
  return { ...write, contentHash: hash };
}
