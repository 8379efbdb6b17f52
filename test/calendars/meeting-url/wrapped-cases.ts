import type { UrlCase } from './cases-types.js';

const TEAMS_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4ZTc5YjQtOWI2Mi00%40thread.v2/0?context=%7b%22Tid%22%3a%22b8297d5e-8d6a-4f0c-9c3a-1e2f3a4b5c6d%22%2c%22Oid%22%3a%22216d2b9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f%22%7d';

/** Links behind Outlook Safe Links, Google redirects and encodings (providers.md §7.2). */
export const WRAPPED_URLS: UrlCase[] = [
  {
    input: 'https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fus02web.zoom.us%2Fj%2F84315220467%3Fpwd%3DXy12ab&data=05%7C01%7Calice%40acme.com%7C0&reserved=0',
    expected: { platform: 'zoom', meetingId: '84315220467', password: 'Xy12ab', url: 'https://us02web.zoom.us/j/84315220467?pwd=Xy12ab' },
  },
  {
    input: 'https://www.google.com/url?q=https%3A%2F%2Fmeet.google.com%2Fabc-defg-hij&sa=D&source=calendar&usg=AOvVaw0',
    expected: { platform: 'google_meet', url: 'https://meet.google.com/abc-defg-hij' },
  },
  {
    input: 'https://www.google.com/url?q=https://meet.google.com/abc-defg-hij&sa=D&source=calendar&ust=1718000000000000&usg=AOvVaw1',
    expected: { platform: 'google_meet', meetingId: 'abc-defg-hij' },
  },
  {
    input: 'https://www.google.com/url?url=https%3A%2F%2Fmeet.google.com%2Fabc-defg-hij&sa=D',
    expected: { platform: 'google_meet', meetingId: 'abc-defg-hij' },
  },
  {
    input: 'https://nam06.safelinks.protection.outlook.com/ap/t-59584e83/?url=https%3A%2F%2Fteams.microsoft.com%2Fl%2Fmeetup-join%2F19%253ameeting_NjQ4ZTc5YjQtOWI2Mi00%2540thread.v2%2F0%3Fcontext%3D%257b%2522Tid%2522%253a%2522b8297d5e-8d6a-4f0c-9c3a-1e2f3a4b5c6d%2522%252c%2522Oid%2522%253a%2522216d2b9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f%2522%257d&data=05%7C02%7Calice%40acme.com%7C1234%7C0&sdata=abc%3D&reserved=0',
    expected: {
      platform: 'microsoft_teams',
      url: TEAMS_URL,
      details: { tenant_id: 'b8297d5e-8d6a-4f0c-9c3a-1e2f3a4b5c6d', organizer_id: '216d2b9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', message_id: '0' },
    },
  },
  {
    // Safe Links around a Google redirect around Zoom (an Outlook user forwarding a Google invite).
    input: 'https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.google.com%2Furl%3Fq%3Dhttps%253A%252F%252Fus02web.zoom.us%252Fj%252F84315220467%253Fpwd%253DXy12ab%26sa%3DD%26source%3Dcalendar%26usg%3DAOvVaw0&data=05%7C01&reserved=0',
    expected: { platform: 'zoom', password: 'Xy12ab', url: 'https://us02web.zoom.us/j/84315220467?pwd=Xy12ab' },
  },
  {
    // Google redirect whose q is double-encoded Safe Links around Webex.
    input: 'https://www.google.com/url?q=https%253A%252F%252Fnam12.safelinks.protection.outlook.com%252F%253Furl%253Dhttps%25253A%25252F%25252Facme.webex.com%25252Facme%25252Fj.php%25253FMTID%25253Dm4f1a2b3c%2526data%253D05&sa=D',
    expected: { platform: 'webex', meetingId: 'm4f1a2b3c', url: 'https://acme.webex.com/acme/j.php?MTID=m4f1a2b3c' },
  },
  {
    input: 'https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2Facme.webex.com%2Facme%2Fj.php%3FMTID%3Dm4f1a2b3c&data=05%7C01&reserved=0',
    expected: { platform: 'webex', details: { meeting_mtid: 'm4f1a2b3c' } },
  },
  {
    input: 'https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=https%3A%2F%2Fzoom.us%2Fj%2F84315220467%3Fpwd%3DXy12ab&locale=en-us&dest=https%3A%2F%2Fteams.microsoft.com',
    expected: { platform: 'zoom', url: 'https://zoom.us/j/84315220467?pwd=Xy12ab' },
  },
  {
    input: 'https://nam04.safelinks.protection.outlook.com/?url=https%3A%2F%2Fteams.microsoft.com%2Fmeet%2F2514567890123%3Fp%3DAbCdEf&data=05',
    expected: { platform: 'microsoft_teams', meetingId: '2514567890123', password: 'AbCdEf' },
  },
  {
    input: 'https://nam11.safelinks.protection.outlook.com/?url=https%3A%2F%2Fglobal.gotomeeting.com%2Fjoin%2F123456789&data=05',
    expected: { platform: 'goto_meeting', meetingId: '123456789' },
  },
  { input: 'https%3A%2F%2Fzoom.us%2Fj%2F84315220467%3Fpwd%3Dabc', expected: { platform: 'zoom', password: 'abc' }, inText: false },
  { input: 'https%253A%252F%252Fmeet.google.com%252Fabc-defg-hij', expected: { platform: 'google_meet', meetingId: 'abc-defg-hij' }, inText: false },
  { input: '  https://meet.google.com/abc-defg-hij  ', expected: { platform: 'google_meet' } },
];
