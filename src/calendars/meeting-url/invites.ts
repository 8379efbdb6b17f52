import type { ParsedMeetingUrl } from './types.js';

export interface ZoomInvite {
  meeting_id: string;
  meeting_password: string | null;
}

/** Meetup-join links fill the first four; `/meet/` and Teams free links null them and add id and passcode. */
export interface TeamsInvite {
  organizer_id: string | null;
  tenant_id: string | null;
  message_id: string | null;
  thread_id: string | null;
  meeting_id?: string | null;
  meeting_password?: string | null;
}

export interface MeetInvite {
  meeting_id: string;
}

export interface WebexInvite {
  meeting_subdomain: string;
  meeting_path: string | null;
  meeting_mtid: string | null;
  meeting_personal_room_id: string | null;
}

export interface InviteObjects {
  zoom_invite: ZoomInvite | null;
  teams_invite: TeamsInvite | null;
  meet_invite: MeetInvite | null;
  webex_invite: WebexInvite | null;
}

function teamsInvite(parsed: ParsedMeetingUrl): TeamsInvite {
  const d = parsed.details;
  if (parsed.platform === 'microsoft_teams' && d.thread_id) {
    return { organizer_id: d.organizer_id, tenant_id: d.tenant_id, message_id: d.message_id, thread_id: d.thread_id };
  }
  return {
    organizer_id: null,
    tenant_id: null,
    message_id: null,
    thread_id: null,
    meeting_id: parsed.meetingId,
    meeting_password: parsed.password,
  };
}

/** The V1 invite objects of api-contract §3.4: all four keys, null where not applicable (GoTo: all null). */
export function inviteObjects(parsed: ParsedMeetingUrl | null): InviteObjects {
  const invites: InviteObjects = { zoom_invite: null, teams_invite: null, meet_invite: null, webex_invite: null };
  if (!parsed) return invites;
  const d = parsed.details;
  switch (parsed.platform) {
    case 'zoom':
      invites.zoom_invite = { meeting_id: parsed.meetingId ?? '', meeting_password: parsed.password };
      break;
    case 'google_meet':
      invites.meet_invite = { meeting_id: parsed.meetingId ?? '' };
      break;
    case 'microsoft_teams':
    case 'microsoft_teams_live':
      invites.teams_invite = teamsInvite(parsed);
      break;
    case 'webex':
      invites.webex_invite = {
        meeting_subdomain: d.meeting_subdomain ?? '',
        meeting_path: d.meeting_path ?? null,
        meeting_mtid: d.meeting_mtid ?? null,
        meeting_personal_room_id: d.meeting_personal_room_id ?? null,
      };
      break;
    case 'goto_meeting':
      break;
  }
  return invites;
}
