import { describe, expect, it } from 'vitest';
import { inviteObjects, parseMeetingUrl } from '../../../src/calendars/meeting-url/index.js';

const invitesOf = (url: string) => inviteObjects(parseMeetingUrl(url));
const NONE = { zoom_invite: null, teams_invite: null, meet_invite: null, webex_invite: null };

describe('inviteObjects (api-contract §3.4)', () => {
  it('has all four keys null without a meeting', () => {
    expect(inviteObjects(null)).toEqual(NONE);
  });

  it('fills zoom_invite', () => {
    expect(invitesOf('https://us02web.zoom.us/j/84315220467?pwd=Xy12ab')).toEqual({
      ...NONE,
      zoom_invite: { meeting_id: '84315220467', meeting_password: 'Xy12ab' },
    });
    expect(invitesOf('https://zoom.us/my/alice.smith').zoom_invite).toEqual({ meeting_id: 'alice.smith', meeting_password: null });
  });

  it('fills meet_invite', () => {
    expect(invitesOf('https://meet.google.com/abc-defg-hij?authuser=1')).toEqual({ ...NONE, meet_invite: { meeting_id: 'abc-defg-hij' } });
  });

  it('fills teams_invite from a meetup-join link', () => {
    const url =
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4%40thread.v2/0?context=%7b%22Tid%22%3a%22t1%22%2c%22Oid%22%3a%22o1%22%7d';
    expect(invitesOf(url)).toEqual({
      ...NONE,
      teams_invite: { organizer_id: 'o1', tenant_id: 't1', message_id: '0', thread_id: '19:meeting_NjQ4@thread.v2' },
    });
  });

  it('keeps tenant and organizer null when the context is missing', () => {
    expect(invitesOf('https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0').teams_invite).toEqual({
      organizer_id: null,
      tenant_id: null,
      message_id: '0',
      thread_id: '19:meeting_X@thread.v2',
    });
  });

  it('nulls the four Teams ids and adds meeting_id/password for /meet/ links', () => {
    expect(invitesOf('https://teams.microsoft.com/meet/2514567890123?p=AbCdEf').teams_invite).toEqual({
      organizer_id: null,
      tenant_id: null,
      message_id: null,
      thread_id: null,
      meeting_id: '2514567890123',
      meeting_password: 'AbCdEf',
    });
  });

  it('uses the /meet/ shape for Teams free (teams.live.com)', () => {
    expect(invitesOf('https://teams.live.com/meet/9876543210')).toEqual({
      ...NONE,
      teams_invite: { organizer_id: null, tenant_id: null, message_id: null, thread_id: null, meeting_id: '9876543210', meeting_password: null },
    });
  });

  it('fills webex_invite for MTID links and personal rooms', () => {
    expect(invitesOf('https://acme.webex.com/acme/j.php?MTID=m4f1a2b3c').webex_invite).toEqual({
      meeting_subdomain: 'acme',
      meeting_path: 'acme/j.php',
      meeting_mtid: 'm4f1a2b3c',
      meeting_personal_room_id: null,
    });
    expect(invitesOf('https://acme.webex.com/meet/alice').webex_invite).toEqual({
      meeting_subdomain: 'acme',
      meeting_path: 'meet/alice',
      meeting_mtid: null,
      meeting_personal_room_id: 'alice',
    });
  });

  it('has no invite object for GoTo Meeting', () => {
    expect(invitesOf('https://global.gotomeeting.com/join/123456789')).toEqual(NONE);
  });
});
