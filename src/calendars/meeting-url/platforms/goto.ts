import type { ParsedMeetingUrl } from '../types.js';
import { isWeb, param } from './common.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The meeting id or room name a GoTo Meeting link points at, or null. Hosts are matched exactly. */
function gotoId(url: URL): string | null {
  const host = url.hostname.toLowerCase();
  const segs = url.pathname.split('/').filter(Boolean);
  switch (host) {
    case 'global.gotomeeting.com':
    case 'www.gotomeeting.com':
      return segs.length === 2 && segs[0] === 'join' && /^\d{9}$/.test(segs[1]) ? segs[1] : null;
    case 'app.gotomeeting.com': {
      const id = param(url, 'meetingId');
      return segs.length === 0 && id && /^\d{9,}$/.test(id) ? id : null;
    }
    case 'meet.goto.com':
    case 'gotomeet.me':
    case 'www.gotomeet.me':
      return segs.length === 1 && NAME.test(segs[0]) ? segs[0] : null;
    default:
      return null;
  }
}

/** GoTo Meeting; every form is canonicalised to `https://meet.goto.com/<id>`. */
export function parseGoto(url: URL): ParsedMeetingUrl | null {
  if (!isWeb(url)) return null;
  const id = gotoId(url);
  if (!id) return null;
  return { platform: 'goto_meeting', url: `https://meet.goto.com/${id}`, meetingId: id, password: null, details: {} };
}
