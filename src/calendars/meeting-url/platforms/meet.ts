import { hostIs } from '../host.js';
import type { ParsedMeetingUrl } from '../types.js';
import { isWeb } from './common.js';

// Meet codes are case-insensitive; canonical form is lower case (abc-defg-hij).
const CODE_PATH = /^\/(?:_meet\/)?([a-z]{3}-[a-z]{4}-[a-z]{3})\/?$/i;
const LOOKUP_PATH = /^\/lookup\/([A-Za-z0-9_-]+)\/?$/;

function build(id: string): ParsedMeetingUrl {
  // authuser, hs and other query parameters only affect the browser session, not the meeting.
  return { platform: 'google_meet', url: `https://meet.google.com/${id}`, meetingId: id, password: null, details: {} };
}

/** Google Meet: a meeting code or a `/lookup/<id>` nickname; `/new`, `/landing` and bare host are rejected. */
export function parseMeet(url: URL): ParsedMeetingUrl | null {
  if (!isWeb(url) || !hostIs(url.hostname, 'meet.google.com')) return null;
  const code = CODE_PATH.exec(url.pathname);
  if (code) return build(code[1].toLowerCase());
  const lookup = LOOKUP_PATH.exec(url.pathname);
  if (lookup) return build(`lookup/${lookup[1]}`);
  return null;
}
