import type { ParsedMeetingUrl } from '../types.js';
import { isWeb, param, query } from './common.js';

// Only <site>.webex.com and <site>.my.webex.com host meetings; www. and bare webex.com are marketing pages.
const HOST = /^([a-z0-9][a-z0-9-]*)\.(?:my\.)?webex\.com$/;
const RESERVED_SITES = new Set(['www', 'my']);
const MTID_PAGE = /^\/[A-Za-z0-9._-]+\/[je]\.php$/i;
const ROOM_PAGE = /^\/(?:meet|join)\/([A-Za-z0-9._-]+)\/?$/i;
const JOIN_SERVICE = /^\/wbxmjs\/joinservice\/sites\/[A-Za-z0-9._-]+\/meeting\/download\/([A-Za-z0-9]+)\/?$/i;

/** Webex meeting (`j.php`/`e.php?MTID=`), personal room (`/meet/`, `/join/`) and join-service links. */
export function parseWebex(url: URL): ParsedMeetingUrl | null {
  if (!isWeb(url)) return null;
  const host = url.hostname.toLowerCase();
  const site = HOST.exec(host)?.[1];
  if (!site || RESERVED_SITES.has(site)) return null;

  const mtid = param(url, 'MTID');
  const room = ROOM_PAGE.exec(url.pathname)?.[1] ?? null;
  const download = JOIN_SERVICE.exec(url.pathname)?.[1] ?? null;
  if (!room && !download && !(MTID_PAGE.test(url.pathname) && mtid)) return null;

  return {
    platform: 'webex',
    // Everything except MTID (tracking, siteurl, language) is irrelevant to which meeting is joined.
    url: `https://${host}${url.pathname}${query([['MTID', mtid]])}`,
    meetingId: mtid ?? room ?? download,
    password: null,
    details: {
      meeting_subdomain: site,
      meeting_path: url.pathname.slice(1),
      meeting_mtid: mtid,
      meeting_personal_room_id: room,
    },
  };
}
