// A V1 meeting as the API shows it (api-contract §3.4) and the recording decision behind its `will_record`.
import { inviteObjects, parseMeetingUrl, type ParsedMeetingUrl } from '../calendars/meeting-url/index.js';
import type { Preferences } from '../db/calendar-users.js';
import type { MeetingRow } from '../db/calendar-meetings.js';
import { restDate } from '../http/format.js';
import { deriveMeeting, type DerivedMeeting } from './meeting-facts.js';
import { decideRecording, type RecordingDecision } from './recording-rules.js';

export interface EvaluatedMeeting {
  row: MeetingRow;
  parsed: ParsedMeetingUrl | null;
  derived: DerivedMeeting;
  decision: RecordingDecision;
}

export function evaluateMeeting(row: MeetingRow, prefs: Preferences, now = Date.now()): EvaluatedMeeting {
  const parsed = row.meeting_url ? parseMeetingUrl(row.meeting_url) : null;
  const derived = deriveMeeting(row.calendar_platform, row.raw, row.connection_email);
  const decision = decideRecording(
    {
      hasSupportedLink: parsed !== null,
      isAllDay: row.is_all_day,
      isCancelled: row.is_deleted || derived.isCancelled,
      hasEnded: row.end_time.getTime() <= now,
      override: row.override_should_record,
      isHostedByMe: derived.isHostedByMe,
      isExternal: derived.isExternal,
      isRecurring: derived.isRecurring,
      acceptedBySelf: derived.acceptedBySelf,
    },
    prefs,
  );
  return { row, parsed, derived, decision };
}

export function renderMeeting(m: EvaluatedMeeting) {
  const { row, parsed, derived, decision } = m;
  const platform = parsed?.platform ?? null;
  return {
    id: row.id,
    override_should_record: row.override_should_record,
    title: derived.title,
    description: derived.description,
    will_record: decision.willRecord,
    will_record_reason: decision.reason,
    start_time: restDate(row.start_time)!,
    end_time: restDate(row.end_time)!,
    platform,
    meeting_platform: platform,
    platform_id: row.platform_id,
    calendar_platform: row.calendar_platform === 'google_calendar' ? 'google' : 'microsoft',
    ...inviteObjects(parsed),
    bot_id: row.bot_id,
    is_external: derived.isExternal,
    is_hosted_by_me: derived.isHostedByMe,
    is_recurring: derived.isRecurring,
    organizer_email: derived.organizerEmail,
    attendee_emails: derived.attendees.map((a) => a.email),
    attendees: derived.attendees,
    ical_uid: row.ical_uid,
    visibility: derived.visibility,
  };
}
