import type { UrlCase } from './cases-types.js';

const miss = (input: string): UrlCase => ({ input, expected: null });

/** Look-alikes, non-join pages and unsupported services: none may yield a meeting (providers.md §7.3). */
export const NEAR_MISSES: UrlCase[] = [
  // Zoom
  miss('https://zoom.us/pricing'),
  miss('https://zoom.us/'),
  miss('https://zoom.us.evil.com/j/123456789'),
  miss('https://zoom.us.evil.example/j/123456789'),
  miss('https://notzoom.us/j/123456789'),
  miss('https://notzoom.us/j/1'),
  miss('https://zoom.us@evil.com/j/84315220467'),
  miss('https://us02web.zoom.us/s/84315220467?zak=eyJ0eXAiOiJKV1Q'),
  miss('https://zoom.us/webinar/register/WN_abcdEFGHijkl'),
  miss('https://zoom.us/meeting/register/tJ0kcOGgqzMiHNAs'),
  miss('https://zoom.us/j/12345678'),
  miss('https://zoom.us/j/123456789012'),
  miss('https://zoom.us/j/abcdefghi'),
  miss('https://zoom.us/j/'),
  miss('zoommtg://zoom.us/start?action=start&confno=84315220467'),
  miss('zoommtg://evil.example/join?action=join&confno=84315220467'),
  miss('ftp://zoom.us/j/84315220467'),
  // Google Meet
  miss('https://meet.google.com/'),
  miss('https://meet.google.com/new'),
  miss('https://meet.google.com/landing'),
  miss('https://meet.google.com/abc-defg-hijk'),
  miss('https://meet.google.com/ab-defg-hij'),
  miss('https://meet.google.com.evil.com/abc-defg-hij'),
  miss('https://calendar.google.com/calendar/event?eid=abc'),
  // Microsoft Teams
  miss('https://teams.microsoft.com/l/channel/19%3aabc%40thread.tacv2/General?groupId=g&tenantId=t'),
  miss('https://teams.microsoft.com/l/chat/0/0?users=alice@acme.com'),
  miss('https://teams.microsoft.com/meetingOptions/?organizerId=o1&tenantId=t1&threadId=19_meeting_NjQ4@thread.v2&messageId=0'),
  miss('https://teams.microsoft.com/l/meetup-join/'),
  miss('https://teams.microsoft.com/l/meetup-join/not-a-thread/0'),
  miss('https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4%40thread.v2/notanumber'),
  miss('https://teams.microsoft.com.evil.com/meet/2514567890123?p=x'),
  miss('https://teams.microsoft.com/meet/abc?p=x'),
  miss('https://teams.microsoft.com/dl/launcher/launcher.html?url=%2F_%23%2Fl%2Fchannel%2F19%253aabc%2540thread.tacv2%2FGeneral&type=channel'),
  miss('https://aka.ms/JoinTeamsMeeting'),
  // Webex
  miss('https://www.webex.com/meet/alice'),
  miss('https://webex.com/acme/j.php?MTID=m1'),
  miss('https://acme.webex.com/acme/j.php'),
  miss('https://acme.webex.com/webappng/sites/acme/dashboard'),
  miss('https://acme.webex.com.evil.com/meet/alice'),
  // GoTo
  miss('https://global.gotomeeting.com/join/12345'),
  miss('https://www.goto.com/meeting'),
  miss('https://app.gotomeeting.com/?meetingId=abc'),
  // Recognised but unsupported services
  miss('https://meet.jit.si/TeamStandup'),
  miss('https://whereby.com/acme'),
  miss('https://app.chime.aws/meetings/1234567890'),
  miss('https://app.slack.com/huddle/T0123ABCD/C0456EFGH'),
  miss('https://join.skype.com/abcDEF123'),
  miss('https://bluejeans.com/123456789'),
  miss('https://v.ringcentral.com/join/123456789'),
  miss('https://8x8.vc/acme/standup'),
  miss('https://meeting.zoho.com/meeting/join?key=123456789'),
  // Not URLs / wrappers around non-meetings
  miss('mailto:alice@zoom.us'),
  miss('alice@zoom.us'),
  miss('us02web.zoom.us/j/84315220467'),
  miss('not a url'),
  miss('https://www.google.com/url?q=https%3A%2F%2Fexample.com%2Fj%2F123456789&sa=D'),
  miss('https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fzoom.us%2Fpricing&data=05'),
];
