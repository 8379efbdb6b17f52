import type { UrlCase } from './cases-types.js';

const CTX = '%7b%22Tid%22%3a%22t1%22%2c%22Oid%22%3a%22o1%22%7d';
const REF_TEAMS = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4%40thread.v2/0?context=${CTX}`;
const TEAMS_REF_FIELDS = { thread_id: '19:meeting_NjQ4@thread.v2', message_id: '0', tenant_id: 't1', organizer_id: 'o1' };

/** Supported link forms, parsed one by one with parseMeetingUrl (providers.md §7.3, §7.5). */
export const SUPPORTED_URLS: UrlCase[] = [
  // Google Meet
  { input: 'https://meet.google.com/abc-defg-hij?authuser=1', expected: { platform: 'google_meet', meetingId: 'abc-defg-hij', url: 'https://meet.google.com/abc-defg-hij', password: null } },
  { input: 'https://meet.google.com/abc-defg-hij', expected: { platform: 'google_meet', url: 'https://meet.google.com/abc-defg-hij' } },
  { input: 'http://meet.google.com/abc-defg-hij/', expected: { platform: 'google_meet', url: 'https://meet.google.com/abc-defg-hij' } },
  { input: 'https://MEET.GOOGLE.COM/ABC-DEFG-HIJ', expected: { platform: 'google_meet', meetingId: 'abc-defg-hij' } },
  { input: 'https://meet.google.com/_meet/xyz-abcd-efg?hs=224&ijlm=1', expected: { platform: 'google_meet', meetingId: 'xyz-abcd-efg', url: 'https://meet.google.com/xyz-abcd-efg' } },
  { input: 'https://meet.google.com/lookup/bx6jq3xqbw?authuser=0&hs=179', expected: { platform: 'google_meet', meetingId: 'lookup/bx6jq3xqbw', url: 'https://meet.google.com/lookup/bx6jq3xqbw' } },
  { input: 'https://meet.google.com/abc-defg-hij?pli=1#settings', expected: { platform: 'google_meet', url: 'https://meet.google.com/abc-defg-hij' } },
  // Zoom
  { input: 'https://us02web.zoom.us/j/84315220467?pwd=Xy12ab&from=addon', expected: { platform: 'zoom', meetingId: '84315220467', password: 'Xy12ab', url: 'https://us02web.zoom.us/j/84315220467?pwd=Xy12ab' } },
  { input: 'https://acme.zoom.com/j/8431522046?pwd=a.1', expected: { platform: 'zoom', meetingId: '8431522046', password: 'a.1', url: 'https://acme.zoom.us/j/8431522046?pwd=a.1' } },
  { input: 'https://zoom.us/w/123456789?tk=abc&pwd=xyz', expected: { platform: 'zoom', meetingId: '123456789', password: 'xyz', url: 'https://zoom.us/w/123456789?pwd=xyz&tk=abc' } },
  { input: 'https://zoom.us/my/alice.smith', expected: { platform: 'zoom', meetingId: 'alice.smith', password: null, url: 'https://zoom.us/my/alice.smith' } },
  { input: 'https://any-client.zoom-x.de/j/65194487075', expected: { platform: 'zoom', meetingId: '65194487075', url: 'https://any-client.zoom-x.de/j/65194487075' } },
  { input: 'zoommtg://zoom.us/join?action=join&confno=84315220467&pwd=Xy12ab', expected: { platform: 'zoom', meetingId: '84315220467', url: 'https://zoom.us/j/84315220467?pwd=Xy12ab' } },
  { input: 'zoommtg://us02web.zoom.us/join?action=join&confno=84315220467', expected: { platform: 'zoom', password: null, url: 'https://us02web.zoom.us/j/84315220467' } },
  { input: 'https://zoom.us/j/123456789', expected: { platform: 'zoom', meetingId: '123456789', url: 'https://zoom.us/j/123456789' } },
  { input: 'https://zoom.com/j/84315220467', expected: { platform: 'zoom', url: 'https://zoom.us/j/84315220467' } },
  { input: 'https://acme.zoomgov.com/j/1612345678?pwd=abc', expected: { platform: 'zoom', url: 'https://acme.zoomgov.com/j/1612345678?pwd=abc' } },
  { input: 'https://zoomgov.com/j/1612345678', expected: { platform: 'zoom', meetingId: '1612345678', url: 'https://zoomgov.com/j/1612345678' } },
  { input: 'https://us06web.zoom.us/wc/join/84315220467?pwd=Xy12ab', expected: { platform: 'zoom', url: 'https://us06web.zoom.us/j/84315220467?pwd=Xy12ab' } },
  { input: 'https://app.zoom.us/wc/84315220467/join?fromPWA=1&pwd=Xy12ab', expected: { platform: 'zoom', url: 'https://app.zoom.us/j/84315220467?pwd=Xy12ab' } },
  { input: 'https://US02WEB.ZOOM.US/j/84315220467', expected: { platform: 'zoom', url: 'https://us02web.zoom.us/j/84315220467' } },
  { input: 'http://zoom.us/j/84315220467', expected: { platform: 'zoom', url: 'https://zoom.us/j/84315220467' } },
  { input: 'https://acme.zoom.us/my/Team.Room?pwd=q1', expected: { platform: 'zoom', meetingId: 'Team.Room', password: 'q1', url: 'https://acme.zoom.us/my/Team.Room?pwd=q1' } },
  { input: 'https://zoom.us/j/84315220467?pwd=Xy12ab#success', expected: { platform: 'zoom', url: 'https://zoom.us/j/84315220467?pwd=Xy12ab' } },
  { input: 'https://zoom.us/j/84315220467?pwd=&uname=Bob', expected: { platform: 'zoom', password: null, url: 'https://zoom.us/j/84315220467' } },
  { input: 'https://us02web.zoom.us/j/84315220467/?pwd=Xy12ab', expected: { platform: 'zoom', url: 'https://us02web.zoom.us/j/84315220467?pwd=Xy12ab' } },
  { input: 'https://zoom.us/j/84315220467?pwd=Xy12ab&amp;uname=Bob', expected: { platform: 'zoom', password: 'Xy12ab' } },
  { input: 'https://acme.zoom.us/w/98765432101?tk=TOKEN.abc', expected: { platform: 'zoom', password: null, url: 'https://acme.zoom.us/w/98765432101?tk=TOKEN.abc', details: { tk: 'TOKEN.abc', kind: 'w' } } },
  { input: 'https://acme.zoom.us/j/84315220467?pwd=Xy12abCD34efGH56.1&uname=Alice%20A', expected: { platform: 'zoom', password: 'Xy12abCD34efGH56.1' } },
  // Microsoft Teams
  { input: REF_TEAMS, expected: { platform: 'microsoft_teams', meetingId: '19:meeting_NjQ4@thread.v2', password: null, url: REF_TEAMS, details: TEAMS_REF_FIELDS } },
  {
    input: 'https://teams.microsoft.com/dl/launcher/launcher.html?url=%2F_%23%2Fl%2Fmeetup-join%2F19%253ameeting_NjQ4%2540thread.v2%2F0%3Fcontext%3D%257b%2522Tid%2522%253a%2522t1%2522%252c%2522Oid%2522%253a%2522o1%2522%257d&type=meetup-join&deeplinkId=abc&directDl=true&msLaunch=true&enableMobilePage=true',
    expected: { platform: 'microsoft_teams', url: REF_TEAMS, details: TEAMS_REF_FIELDS },
  },
  { input: 'https://teams.microsoft.com/meet/2514567890123?p=AbCdEf', expected: { platform: 'microsoft_teams', meetingId: '2514567890123', password: 'AbCdEf', url: 'https://teams.microsoft.com/meet/2514567890123?p=AbCdEf' } },
  { input: 'https://teams.microsoft.com/meet/2514567890123', expected: { platform: 'microsoft_teams', password: null, url: 'https://teams.microsoft.com/meet/2514567890123' } },
  { input: 'https://teams.live.com/meet/9876543210?p=abc', expected: { platform: 'microsoft_teams_live', meetingId: '9876543210', password: 'abc', url: 'https://teams.live.com/meet/9876543210?p=abc' } },
  { input: 'https://teams.live.com/meet/9876543210', expected: { platform: 'microsoft_teams_live', password: null } },
  { input: 'https://gov.teams.microsoft.us/l/meetup-join/19%3ameeting_X%40thread.v2/0?context=%7b%22Tid%22%3a%22t2%22%7d', expected: { platform: 'microsoft_teams', meetingId: '19:meeting_X@thread.v2', details: { tenant_id: 't2', organizer_id: null } } },
  { input: 'https://dod.teams.microsoft.us/l/meetup-join/19%3ameeting_Y%40thread.v2/0', expected: { platform: 'microsoft_teams', url: 'https://dod.teams.microsoft.us/l/meetup-join/19%3ameeting_Y%40thread.v2/0', details: { tenant_id: null, organizer_id: null } } },
  { input: `https://teams.microsoft.com/_#/l/meetup-join/19:meeting_NjQ4@thread.v2/0?context=${CTX}`, expected: { platform: 'microsoft_teams', url: `https://teams.microsoft.com/l/meetup-join/19:meeting_NjQ4@thread.v2/0?context=${CTX}`, details: TEAMS_REF_FIELDS } },
  { input: `https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/19%3ameeting_abc%40thread.v2/1718000000000?context=${CTX}&anon=true`, expected: { platform: 'microsoft_teams', url: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/1718000000000?context=${CTX}`, details: { message_id: '1718000000000', tenant_id: 't1' } } },
  { input: `${REF_TEAMS}&anon=true&deeplinkId=7f0e`, expected: { platform: 'microsoft_teams', url: REF_TEAMS } },
  { input: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4%40thread.v2/0?context=%257B%2522Tid%2522%253A%2522t1%2522%252C%2522Oid%2522%253A%2522o1%2522%257D', expected: { platform: 'microsoft_teams', details: TEAMS_REF_FIELDS } },
  { input: 'https://teams.microsoft.com/l/meetup-join/19%3a7f3c0d2e9b8a4c6d%40thread.skype/0?context=%7b%22Tid%22%3a%22t1%22%7d', expected: { platform: 'microsoft_teams', meetingId: '19:7f3c0d2e9b8a4c6d@thread.skype' } },
  { input: 'https://teams.live.com/l/meetup-join/19%3ameeting_LIVE%40thread.v2/0?context=%7b%22Tid%22%3a%22%22%7d', expected: { platform: 'microsoft_teams_live', meetingId: '19:meeting_LIVE@thread.v2', password: null } },
  // Webex
  { input: 'https://acme.webex.com/acme/j.php?MTID=m4f1a2b3c', expected: { platform: 'webex', meetingId: 'm4f1a2b3c', url: 'https://acme.webex.com/acme/j.php?MTID=m4f1a2b3c', details: { meeting_subdomain: 'acme', meeting_path: 'acme/j.php', meeting_mtid: 'm4f1a2b3c', meeting_personal_room_id: null } } },
  { input: 'https://acme.webex.com/meet/alice', expected: { platform: 'webex', meetingId: 'alice', url: 'https://acme.webex.com/meet/alice', details: { meeting_personal_room_id: 'alice', meeting_mtid: null, meeting_path: 'meet/alice' } } },
  { input: 'https://acme.webex.com/join/alice.smith', expected: { platform: 'webex', details: { meeting_personal_room_id: 'alice.smith' } } },
  { input: 'https://acme.my.webex.com/meet/bob', expected: { platform: 'webex', details: { meeting_subdomain: 'acme', meeting_personal_room_id: 'bob' } } },
  { input: 'https://ACME.webex.com/acme/e.php?MTID=m123abc&RG=1&siteurl=acme', expected: { platform: 'webex', url: 'https://acme.webex.com/acme/e.php?MTID=m123abc', details: { meeting_path: 'acme/e.php' } } },
  { input: 'https://acme.webex.com/wbxmjs/joinservice/sites/acme/meeting/download/1a2b3c4d5e6f?siteurl=acme&MTID=m9f8e7d', expected: { platform: 'webex', meetingId: 'm9f8e7d', url: 'https://acme.webex.com/wbxmjs/joinservice/sites/acme/meeting/download/1a2b3c4d5e6f?MTID=m9f8e7d' } },
  { input: 'https://acme.webex.com/wbxmjs/joinservice/sites/acme/meeting/download/1a2b3c4d5e6f', expected: { platform: 'webex', meetingId: '1a2b3c4d5e6f', details: { meeting_mtid: null } } },
  { input: 'https://acme-eu.webex.com/acme-eu/j.php?MTID=mabc123&pwd=secret', expected: { platform: 'webex', password: null, url: 'https://acme-eu.webex.com/acme-eu/j.php?MTID=mabc123' } },
  // GoTo Meeting
  { input: 'https://global.gotomeeting.com/join/123456789', expected: { platform: 'goto_meeting', meetingId: '123456789', url: 'https://meet.goto.com/123456789' } },
  { input: 'https://app.gotomeeting.com/?meetingId=123456789', expected: { platform: 'goto_meeting', meetingId: '123456789', url: 'https://meet.goto.com/123456789' } },
  { input: 'https://meet.goto.com/123456789', expected: { platform: 'goto_meeting', meetingId: '123456789' } },
  { input: 'https://meet.goto.com/acme-standup', expected: { platform: 'goto_meeting', meetingId: 'acme-standup', url: 'https://meet.goto.com/acme-standup' } },
  { input: 'https://gotomeet.me/AliceSmith', expected: { platform: 'goto_meeting', meetingId: 'AliceSmith', url: 'https://meet.goto.com/AliceSmith' } },
];
