import type { TextCase } from './cases-types.js';

const TEAMS_HREF =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4ZTc5YjQtOWI2Mi00%40thread.v2/0?context=%7b%22Tid%22%3a%22b8297d5e-8d6a-4f0c-9c3a-1e2f3a4b5c6d%22%2c%22Oid%22%3a%22216d2b9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f%22%7d';

// Shape of a Graph body.content for a Teams meeting (trimmed): styles, join link as "Join the meeting now",
// help and options links that must not win.
const TEAMS_BODY = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style>p{margin:0}</style></head>
<body><div>Agenda attached.</div><br>
<div style="width:100%"><span style="white-space:nowrap;color:#5F5F5F">________________________________________________________________________________</span>
<div style="margin-bottom:24px"><span style="font-size:24px;font-weight:700">Microsoft Teams</span>
<a href="https://aka.ms/JoinTeamsMeeting?omkt=en-US" style="text-decoration:underline">Need help?</a></div>
<div style="margin-bottom:6px"><a href="${TEAMS_HREF}" target="_blank" rel="noreferrer noopener" style="font-size:20px;font-weight:600">Join the meeting now</a></div>
<div><span>Meeting ID: </span><span>251 456 789 012 3</span></div><div><span>Passcode: </span><span>AbCdEf</span></div>
<div><a href="https://www.microsoft.com/microsoft-teams/download-app">Download Teams</a> | <a href="https://www.microsoft.com/microsoft-teams/join-a-meeting">Join on the web</a></div>
<div><a href="https://teams.microsoft.com/meetingOptions/?organizerId=216d2b9e&amp;tenantId=b8297d5e&amp;threadId=19_meeting_NjQ4@thread.v2&amp;messageId=0&amp;language=en-US">Meeting options</a></div>
<div><a href="tel:+12065550100,,123456789#">+1 206-555-0100,,123456789#</a></div></div></body></html>`;

// A Google Calendar event created by the Zoom add-on: description with a wrapped link and &amp; entities.
const ZOOM_ADDON_NOTES =
  'Meeting host: bob@acme.com<br><br>Join Zoom Meeting: <br><a href="https://www.google.com/url?q=https%3A%2F%2Fus02web.zoom.us%2Fj%2F84315220467%3Fpwd%3DXy12abCD34efGH56&amp;sa=D&amp;source=calendar&amp;usg=AOvVaw0">https://us02web.zoom.us/j/84315220467?pwd=Xy12abCD34efGH56</a><br><br>Meeting ID: 843 1522 0467<br>Passcode: 123456';

/** Free-text bodies (plain and HTML), found with findMeetingUrlInText (providers.md §7.2, §7.4). */
export const TEXT_CASES: TextCase[] = [
  { name: 'anchor href with &amp; before pwd', text: '<a href="https://us02web.zoom.us/j/84315220467?pwd=Xy12ab&amp;uname=x">Join</a>', expected: { platform: 'zoom', password: 'Xy12ab', url: 'https://us02web.zoom.us/j/84315220467?pwd=Xy12ab' } },
  { name: 'plain Zoom invitation', text: 'Bob is inviting you to a scheduled Zoom meeting.\n\nJoin Zoom Meeting\nhttps://us02web.zoom.us/j/84315220467?pwd=Xy12ab\n\nMeeting ID: 843 1522 0467\nPasscode: 123456', expected: { platform: 'zoom', meetingId: '84315220467', password: 'Xy12ab' } },
  { name: 'parenthesised link with trailing ").', text: 'Join here (https://zoom.us/j/84315220467).', expected: { platform: 'zoom', url: 'https://zoom.us/j/84315220467' } },
  { name: 'Outlook plain-text <url>', text: 'Join the meeting now<https://meet.google.com/abc-defg-hij>', expected: { platform: 'google_meet', meetingId: 'abc-defg-hij' } },
  { name: 'trailing period', text: 'Link: https://meet.google.com/abc-defg-hij.', expected: { platform: 'google_meet', url: 'https://meet.google.com/abc-defg-hij' } },
  { name: 'quoted with trailing comma', text: '"https://teams.microsoft.com/meet/2514567890123?p=AbCdEf",', expected: { platform: 'microsoft_teams', password: 'AbCdEf' } },
  { name: 'trailing ">" after pwd', text: 'Join: https://zoom.us/j/84315220467?pwd=abc> thanks', expected: { platform: 'zoom', password: 'abc' } },
  { name: 'trailing ?! punctuation', text: 'Are you joining https://acme.webex.com/meet/alice?!', expected: { platform: 'webex', url: 'https://acme.webex.com/meet/alice' } },
  { name: 'Teams HTML invitation body', text: TEAMS_BODY, expected: { platform: 'microsoft_teams', meetingId: '19:meeting_NjQ4ZTc5YjQtOWI2Mi00@thread.v2', url: TEAMS_HREF, details: { tenant_id: 'b8297d5e-8d6a-4f0c-9c3a-1e2f3a4b5c6d', organizer_id: '216d2b9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f' } } },
  { name: 'Teams text-format body', text: `Microsoft Teams meeting\nJoin on your computer, mobile app or room device\nClick here to join the meeting<${TEAMS_HREF}>\nMeeting ID: 251 456 789 012 3\nPasscode: AbCdEf\n\nLearn More<https://aka.ms/JoinTeamsMeeting> | Meeting options<https://teams.microsoft.com/meetingOptions/?organizerId=x>`, expected: { platform: 'microsoft_teams', url: TEAMS_HREF } },
  { name: 'new-style Teams invite with /meet/ link', text: '<div><a href="https://teams.microsoft.com/meet/2514567890123?p=AbCdEf">Join the meeting now</a></div><div>Meeting ID: 251 456 789 012 3 Passcode: AbCdEf</div>', expected: { platform: 'microsoft_teams', meetingId: '2514567890123', password: 'AbCdEf' } },
  { name: 'Zoom add-on notes with Google redirect and entities', text: ZOOM_ADDON_NOTES, expected: { platform: 'zoom', password: 'Xy12abCD34efGH56', url: 'https://us02web.zoom.us/j/84315220467?pwd=Xy12abCD34efGH56' } },
  { name: 'Google description with wrapped Meet link', text: 'Join with Google Meet: <a href="https://www.google.com/url?q=https://meet.google.com/abc-defg-hij&amp;sa=D&amp;source=calendar&amp;usg=AOvVaw0">meet.google.com/abc-defg-hij</a>', expected: { platform: 'google_meet', meetingId: 'abc-defg-hij' } },
  { name: 'Outlook body with Safe Links href and "Join" text', text: '<p>Please <a href="https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fus02web.zoom.us%2Fj%2F84315220467%3Fpwd%3DXy12ab&amp;data=05%7C01%7Calice%40acme.com&amp;reserved=0" originalsrc="https://us02web.zoom.us/j/84315220467?pwd=Xy12ab">Join</a></p>', expected: { platform: 'zoom', password: 'Xy12ab' } },
  { name: 'nested Safe Links + Google redirect in plain text', text: 'Join: https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.google.com%2Furl%3Fq%3Dhttps%253A%252F%252Fmeet.google.com%252Fabc-defg-hij%26sa%3DD&data=05 today', expected: { platform: 'google_meet', meetingId: 'abc-defg-hij' } },
  { name: 'two different meetings: the first wins', text: 'Primary: https://zoom.us/j/111111111 Backup: https://meet.google.com/abc-defg-hij', expected: { platform: 'zoom', meetingId: '111111111' } },
  { name: 'Meet before Zoom: the first wins', text: 'Use https://meet.google.com/abc-defg-hij (or https://zoom.us/j/111111111 if Meet fails)', expected: { platform: 'google_meet' } },
  { name: 'same meeting twice: the variant with pwd wins', text: 'Join https://zoom.us/j/84315220467\nor with passcode: https://us02web.zoom.us/j/84315220467?pwd=Xy12ab', expected: { platform: 'zoom', password: 'Xy12ab', url: 'https://us02web.zoom.us/j/84315220467?pwd=Xy12ab' } },
  { name: 'same Teams /meet/ twice: the variant with p wins', text: 'https://teams.microsoft.com/meet/2514567890123 then https://teams.microsoft.com/meet/2514567890123?p=AbCdEf', expected: { platform: 'microsoft_teams', password: 'AbCdEf' } },
  { name: 'unsupported first, supported later', text: 'Jitsi: https://meet.jit.si/Standup, fallback https://zoom.us/j/84315220467', expected: { platform: 'zoom', meetingId: '84315220467' } },
  { name: 'href comes before the anchor text', text: '<a href="https://zoom.us/j/111111111?pwd=a">https://zoom.us/j/222222222</a>', expected: { platform: 'zoom', meetingId: '111111111' } },
  { name: '&lt;url&gt; entities in HTML text', text: '<p>Join &lt;https://zoom.us/j/84315220467?pwd=x&amp;tk=y&gt;</p>', expected: { platform: 'zoom', password: 'x', url: 'https://zoom.us/j/84315220467?pwd=x&tk=y' } },
  { name: 'Webex HTML invitation', text: '<table><tr><td>When it\'s time, join the Webex meeting here.</td></tr><tr><td><a href="https://acme.webex.com/acme/j.php?MTID=m4f1a2b3c&amp;from=email" style="color:#fff">Join meeting</a></td></tr><tr><td>Meeting number (access code): 2550 123 4567</td></tr></table>', expected: { platform: 'webex', url: 'https://acme.webex.com/acme/j.php?MTID=m4f1a2b3c' } },
  { name: 'GoTo plain invitation', text: 'Please join my meeting from your computer, tablet or smartphone.\nhttps://global.gotomeeting.com/join/123456789\n\nYou can also dial in using your phone.', expected: { platform: 'goto_meeting', meetingId: '123456789' } },
  { name: 'link split from label by <br>', text: 'Join:<br>https://meet.google.com/abc-defg-hij<br>Dial-in: +1 555-555-0100', expected: { platform: 'google_meet', url: 'https://meet.google.com/abc-defg-hij' } },
  { name: 'native zoommtg link in text', text: 'Desktop: zoommtg://zoom.us/join?action=join&confno=84315220467&pwd=Xy12ab', expected: { platform: 'zoom', url: 'https://zoom.us/j/84315220467?pwd=Xy12ab' } },
  { name: 'numeric entities in href', text: '<a href="https&#58;//zoom.us/j/84315220467?pwd=Xy12ab&#38;uname=x">Join</a>', expected: { platform: 'zoom', password: 'Xy12ab' } },
  { name: 'single-quoted href', text: "<a href='https://teams.live.com/meet/9876543210?p=abc'>Join</a>", expected: { platform: 'microsoft_teams_live', password: 'abc' } },
  // Near-misses in free text
  { name: 'near-miss: pricing page and an email address', text: 'Pricing: https://zoom.us/pricing, questions to alice@zoom.us', expected: null },
  { name: 'near-miss: mailto href quoting a link', text: '<a href="mailto:bob@acme.com?body=https://zoom.us/j/84315220467">Email Bob</a>', expected: null },
  { name: 'near-miss: mailto in plain text', text: 'Write to mailto:bob@acme.com?body=https://zoom.us/j/84315220467 for access', expected: null },
  { name: 'near-miss: scheme-less link', text: 'Location: meet.google.com/abc-defg-hij', expected: null },
  { name: 'near-miss: Meet without a code', text: 'Start one at https://meet.google.com/ or https://meet.google.com/new', expected: null },
  { name: 'near-miss: Teams channel link', text: '<a href="https://teams.microsoft.com/l/channel/19%3aabc%40thread.tacv2/General?groupId=g">Channel</a>', expected: null },
  { name: 'near-miss: Zoom host start link', text: 'Start: https://us02web.zoom.us/s/84315220467?zak=abc', expected: null },
  { name: 'near-miss: link inside <style>', text: '<style>.x{background:url(https://zoom.us/j/84315220467)}</style><p>No link</p>', expected: null },
  { name: 'near-miss: only unsupported services', text: 'https://meet.jit.si/Standup or https://app.slack.com/huddle/T01/C02', expected: null },
  { name: 'near-miss: empty text', text: '', expected: null },
];
