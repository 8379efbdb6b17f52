/** Meeting platforms rollcall can send a bot to (api-contract §3.4, §4.6; providers.md §7.3). */
export type MeetingPlatform =
  | 'zoom'
  | 'google_meet'
  | 'microsoft_teams'
  | 'microsoft_teams_live'
  | 'webex'
  | 'goto_meeting';

export const MEETING_PLATFORMS: readonly MeetingPlatform[] = [
  'zoom',
  'google_meet',
  'microsoft_teams',
  'microsoft_teams_live',
  'webex',
  'goto_meeting',
];

export interface ParsedMeetingUrl {
  platform: MeetingPlatform;
  /** Canonical normalised join URL (what `meeting_url` holds). */
  url: string;
  /** Zoom id or vanity, Meet code, Teams thread id (or /meet/ id), Webex MTID or room, GoTo id. */
  meetingId: string | null;
  password: string | null;
  /**
   * Platform-specific parts used by the V1 invite objects: Teams `organizer_id`, `tenant_id`, `message_id`,
   * `thread_id`; Webex `meeting_subdomain`, `meeting_path`, `meeting_mtid`, `meeting_personal_room_id`.
   */
  details: Record<string, string | null>;
}

/**
 * The places a calendar event can carry a join link, in providers.md §7.1 priority order.
 * Google and Graph fields share slots, since one event only ever fills one side.
 */
export interface MeetingSources {
  /** 1. Google `conferenceData.entryPoints[]` video URIs. */
  conferenceUris?: string[];
  /** 1. Graph `onlineMeeting.joinUrl`. */
  onlineMeetingJoinUrl?: string | null;
  /** 2. Google `hangoutLink`. */
  hangoutLink?: string | null;
  /** 2. Graph `onlineMeetingUrl` (legacy). */
  onlineMeetingUrl?: string | null;
  /** 3. Free-text location. */
  location?: string | null;
  /** 3. Further location strings, tried after `location` (Graph `locationUri`, `displayName`, `locations[]`). */
  locations?: string[];
  /** 4. Google `description` / Graph `body.content`; HTML or text. */
  description?: string | null;
  /** 5. Google `conferenceData.notes` (HTML). */
  notes?: string | null;
  /** 5/6. Graph `subject` / Google `summary`. */
  title?: string | null;
}
