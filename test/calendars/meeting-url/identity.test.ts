import { describe, expect, it } from 'vitest';
import { meetingIdentity, parseMeetingUrl } from '../../../src/calendars/meeting-url/index.js';

function identityOf(url: string): string {
  const parsed = parseMeetingUrl(url);
  if (!parsed) throw new Error(`not a meeting link: ${url}`);
  return meetingIdentity(parsed);
}

describe('meetingIdentity (api-contract §3.8)', () => {
  it.each([
    ['https://us02web.zoom.us/j/84315220467?pwd=Xy12ab', 'zoom:84315220467'],
    ['https://meet.google.com/abc-defg-hij', 'google_meet:abc-defg-hij'],
    ['https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4%40thread.v2/0', 'microsoft_teams:19:meeting_NjQ4@thread.v2'],
    ['https://teams.microsoft.com/meet/2514567890123?p=AbCdEf', 'microsoft_teams:2514567890123'],
    ['https://teams.live.com/meet/9876543210?p=abc', 'microsoft_teams_live:9876543210'],
    ['https://acme.webex.com/acme/j.php?MTID=m4f1a2b3c', 'webex:m4f1a2b3c'],
    ['https://acme.webex.com/meet/alice', 'webex:acme/alice'],
    ['https://global.gotomeeting.com/join/123456789', 'goto_meeting:123456789'],
  ])('%s → %s', (url, identity) => {
    expect(identityOf(url)).toBe(identity);
  });

  it('is the same for every form of one Zoom meeting', () => {
    const forms = [
      'https://zoom.us/j/84315220467',
      'https://acme.zoom.com/j/84315220467?pwd=Xy12ab',
      'https://us06web.zoom.us/wc/join/84315220467',
      'zoommtg://zoom.us/join?action=join&confno=84315220467&pwd=Xy12ab',
      'https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fus02web.zoom.us%2Fj%2F84315220467&data=05',
    ];
    expect(new Set(forms.map(identityOf))).toEqual(new Set(['zoom:84315220467']));
  });

  it('is the same for a Teams link behind the launcher, the fragment shell and in the clear', () => {
    const forms = [
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4%40thread.v2/0?context=%7b%7d',
      'https://teams.microsoft.com/_#/l/meetup-join/19:meeting_NjQ4@thread.v2/0',
      'https://teams.microsoft.com/dl/launcher/launcher.html?url=%2F_%23%2Fl%2Fmeetup-join%2F19%253ameeting_NjQ4%2540thread.v2%2F0&type=meetup-join',
    ];
    expect(new Set(forms.map(identityOf)).size).toBe(1);
  });

  it('keeps personal rooms of different Webex sites apart', () => {
    expect(identityOf('https://acme.webex.com/meet/alice')).not.toBe(identityOf('https://globex.webex.com/meet/alice'));
  });

  it('falls back to the normalised URL without a meeting id', () => {
    expect(
      meetingIdentity({ platform: 'zoom', url: 'https://zoom.us/j/84315220467', meetingId: null, password: null, details: {} }),
    ).toBe('zoom:https://zoom.us/j/84315220467');
  });
});
