import type { Expected } from './cases-types.js';

export interface SourceCase {
  name: string;
  kind: 'google' | 'graph';
  raw: Record<string, unknown>;
  expected: Expected;
}

const TEAMS_JOIN =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4ZTc5YjQtOWI2Mi00%40thread.v2/0?context=%7b%22Tid%22%3a%22b8297d5e-8d6a-4f0c-9c3a-1e2f3a4b5c6d%22%2c%22Oid%22%3a%22216d2b9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f%22%7d';
const ZOOM = 'https://us02web.zoom.us/j/84315220467?pwd=Xy12ab';
const MEET = 'https://meet.google.com/abc-defg-hij';

const meetConference = {
  conferenceId: 'abc-defg-hij',
  conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
  entryPoints: [
    { entryPointType: 'video', uri: MEET, label: 'meet.google.com/abc-defg-hij' },
    { entryPointType: 'phone', uri: 'tel:+1-555-555-0100', label: '+1 555-555-0100', pin: '123456789' },
  ],
};

/** Whole provider events through googleEventSources/graphEventSources + detectMeeting (providers.md §7.1). */
export const SOURCE_CASES: SourceCase[] = [
  { name: 'Google Meet event', kind: 'google', raw: { hangoutLink: MEET, conferenceData: meetConference }, expected: { platform: 'google_meet', url: MEET } },
  {
    name: 'Zoom add-on conference beats everything else',
    kind: 'google',
    raw: {
      description: 'Backup: https://meet.google.com/xyz-abcd-efg',
      conferenceData: {
        conferenceSolution: { key: { type: 'addOn' }, name: 'Zoom Meeting' },
        entryPoints: [
          { entryPointType: 'more', uri: 'https://www.google.com/url?q=https://applications.zoom.us/addon/invitation/detail?meetingUuid%3Dabc&sa=D' },
          { entryPointType: 'video', uri: 'https://us02web.zoom.us/j/84315220467?pwd=Xy12abCD34efGH56', meetingCode: '84315220467' },
        ],
      },
    },
    expected: { platform: 'zoom', password: 'Xy12abCD34efGH56' },
  },
  { name: 'unsupported conference entry falls through to hangoutLink', kind: 'google', raw: { conferenceData: { entryPoints: [{ entryPointType: 'video', uri: 'https://meet.jit.si/Standup' }] }, hangoutLink: MEET }, expected: { platform: 'google_meet' } },
  { name: 'hangoutLink beats location and description', kind: 'google', raw: { hangoutLink: MEET, location: ZOOM, description: TEAMS_JOIN }, expected: { platform: 'google_meet' } },
  { name: 'location beats description', kind: 'google', raw: { location: `Zoom: ${ZOOM}`, description: `Teams: ${TEAMS_JOIN}` }, expected: { platform: 'zoom', password: 'Xy12ab' } },
  { name: 'description only (Webex)', kind: 'google', raw: { location: 'Room 4.01', description: 'Join: https://acme.webex.com/acme/j.php?MTID=m4f1a2b3c' }, expected: { platform: 'webex' } },
  { name: 'conference notes when description has nothing', kind: 'google', raw: { description: 'Agenda only', conferenceData: { notes: '<a href="https://www.google.com/url?q=https%3A%2F%2Fus02web.zoom.us%2Fj%2F84315220467%3Fpwd%3DXy12ab&amp;sa=D">Join</a>' } }, expected: { platform: 'zoom', password: 'Xy12ab' } },
  { name: 'description beats conference notes', kind: 'google', raw: { description: MEET, conferenceData: { notes: ZOOM } }, expected: { platform: 'google_meet' } },
  { name: 'summary as last resort', kind: 'google', raw: { summary: 'Standup https://meet.google.com/abc-defg-hij' }, expected: { platform: 'google_meet' } },
  { name: 'unsupported only → null', kind: 'google', raw: { location: 'https://whereby.com/acme', description: 'https://meet.jit.si/x' }, expected: null },
  { name: 'no links → null', kind: 'google', raw: { summary: 'Lunch', location: 'Cafeteria' }, expected: null },
  { name: 'Graph Teams event', kind: 'graph', raw: { subject: 'Design review', onlineMeeting: { joinUrl: TEAMS_JOIN }, location: { displayName: 'Microsoft Teams Meeting' }, body: { contentType: 'html', content: `<a href="${ZOOM}">x</a>` } }, expected: { platform: 'microsoft_teams', url: TEAMS_JOIN, details: { tenant_id: 'b8297d5e-8d6a-4f0c-9c3a-1e2f3a4b5c6d' } } },
  { name: 'Graph legacy onlineMeetingUrl', kind: 'graph', raw: { onlineMeeting: null, onlineMeetingUrl: ZOOM, body: { content: MEET } }, expected: { platform: 'zoom' } },
  { name: 'Graph unsupported joinUrl falls through to body', kind: 'graph', raw: { onlineMeeting: { joinUrl: 'https://join.skype.com/abcDEF123' }, body: { contentType: 'text', content: `Zoom ${ZOOM}` } }, expected: { platform: 'zoom' } },
  { name: 'Graph location.displayName beats body', kind: 'graph', raw: { location: { displayName: ZOOM }, body: { contentType: 'html', content: `<a href="${TEAMS_JOIN}">Join</a>` } }, expected: { platform: 'zoom' } },
  { name: 'Graph location.locationUri', kind: 'graph', raw: { location: { displayName: 'Webex', locationUri: 'https://acme.webex.com/meet/alice' } }, expected: { platform: 'webex', meetingId: 'alice' } },
  { name: 'Graph locations[] entry', kind: 'graph', raw: { location: { displayName: 'HQ; Teams' }, locations: [{ displayName: 'HQ' }, { displayName: 'https://teams.microsoft.com/meet/2514567890123?p=AbCdEf' }] }, expected: { platform: 'microsoft_teams', password: 'AbCdEf' } },
  { name: 'Graph body with Safe Links', kind: 'graph', raw: { body: { contentType: 'html', content: '<p><a href="https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fglobal.gotomeeting.com%2Fjoin%2F123456789&amp;data=05">Join GoTo</a></p>' } }, expected: { platform: 'goto_meeting', meetingId: '123456789' } },
  { name: 'Graph subject as last resort', kind: 'graph', raw: { subject: 'Sync https://teams.live.com/meet/9876543210?p=abc', body: { content: 'none' } }, expected: { platform: 'microsoft_teams_live' } },
  { name: 'Graph with nothing → null', kind: 'graph', raw: { subject: 'Focus time', body: { contentType: 'html', content: '<p>Heads down</p>' } }, expected: null },
];
