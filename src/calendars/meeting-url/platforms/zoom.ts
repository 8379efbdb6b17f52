import { hostIsAny } from '../host.js';
import type { ParsedMeetingUrl } from '../types.js';
import { isWeb, param, query } from './common.js';

const ZOOM_DOMAINS = ['zoom.us', 'zoom.com', 'zoomgov.com', 'zoom-x.de'] as const;

// Meeting and webinar ids are 9–11 digits; anything shorter/longer is a different page.
const JOIN_PATHS = [/^\/j\/(\d{9,11})\/?$/, /^\/wc\/join\/(\d{9,11})\/?$/, /^\/wc\/(\d{9,11})\/join\/?$/];
const WEBINAR_PATH = /^\/w\/(\d{9,11})\/?$/;
const VANITY_PATH = /^\/my\/([A-Za-z0-9][A-Za-z0-9._-]*)\/?$/;

/** zoom.com and its subdomains serve the same meetings as zoom.us; canonicalise so links compare equal. */
function canonicalHost(hostname: string): string {
  const h = hostname.toLowerCase();
  if (h === 'zoom.com') return 'zoom.us';
  return h.endsWith('.zoom.com') ? `${h.slice(0, -'.zoom.com'.length)}.zoom.us` : h;
}

function build(url: URL, kind: 'j' | 'w' | 'my', id: string): ParsedMeetingUrl {
  const host = canonicalHost(url.hostname);
  const pwd = param(url, 'pwd');
  const tk = param(url, 'tk');
  return {
    platform: 'zoom',
    // Only pwd (passcode) and tk (registrant token) matter for joining; tracking params are dropped.
    url: `https://${host}/${kind}/${id}${query([['pwd', pwd], ['tk', tk]])}`,
    meetingId: id,
    password: pwd,
    details: { host, kind, tk },
  };
}

/** Zoom join links. `/s/` (host start) and registration pages are rejected on purpose (providers.md §7.3). */
export function parseZoom(url: URL): ParsedMeetingUrl | null {
  if (!hostIsAny(url.hostname, ZOOM_DOMAINS)) return null;
  if (url.protocol === 'zoommtg:') {
    // Native client link: zoommtg://zoom.us/join?action=join&confno=<id>&pwd=…
    const confno = url.searchParams.get('confno') ?? '';
    if (!/^\/join\/?$/.test(url.pathname) || !/^\d{9,11}$/.test(confno)) return null;
    return build(url, 'j', confno);
  }
  if (!isWeb(url)) return null;
  for (const re of JOIN_PATHS) {
    const m = re.exec(url.pathname);
    if (m) return build(url, 'j', m[1]);
  }
  const webinar = WEBINAR_PATH.exec(url.pathname);
  if (webinar) return build(url, 'w', webinar[1]);
  const vanity = VANITY_PATH.exec(url.pathname);
  if (vanity) return build(url, 'my', vanity[1]);
  return null;
}
