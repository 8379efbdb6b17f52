// Meeting-link detection and parsing (providers.md §7; api-contract §3.4, §3.8, §4.6).
export type { MeetingPlatform, MeetingSources, ParsedMeetingUrl } from './types.js';
export { MEETING_PLATFORMS } from './types.js';
export { parseMeetingUrl, unsupportedService } from './parse.js';
export { findMeetingUrlInText, findMeetingUrlsInText, extractUrls } from './text.js';
export { detectMeeting } from './detect.js';
export { googleEventSources, graphEventSources } from './sources.js';
export { inviteObjects } from './invites.js';
export type { InviteObjects, MeetInvite, TeamsInvite, WebexInvite, ZoomInvite } from './invites.js';
export { meetingIdentity } from './identity.js';
export { unwrapRedirects } from './unwrap.js';
export { decodeEntities, htmlPieces } from './html.js';
