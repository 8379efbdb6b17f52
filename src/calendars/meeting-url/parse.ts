import { safeDecode, tryUrl } from './host.js';
import { matchPlatform, matchUnsupported } from './platforms/index.js';
import type { ParsedMeetingUrl } from './types.js';
import { unwrapRedirects } from './unwrap.js';

const MAX_DECODES = 3;

/**
 * Parse one URL string (already extracted); null if not a supported meeting link. Redirectors (Safe Links,
 * Google redirect, Teams launcher) are unwrapped first, and a link that only parses once percent-decoded is
 * decoded up to 3 times (providers.md §7.2).
 */
export function parseMeetingUrl(input: string): ParsedMeetingUrl | null {
  // Links copied out of HTML source often keep "&amp;" before pwd=.
  let current = unwrapRedirects(input.trim().replace(/&amp;/gi, '&'));
  for (let i = 0; i <= MAX_DECODES; i++) {
    const url = tryUrl(current);
    const parsed = url ? matchPlatform(url) : null;
    if (parsed) return parsed;
    const decoded = safeDecode(current);
    if (decoded === current) return null;
    current = unwrapRedirects(decoded);
  }
  return null;
}

/** Name of a recognised but unsupported service (`jitsi`, `amazon_chime`, `slack_huddle`, …) the link is for, or null. */
export function unsupportedService(input: string): string | null {
  const url = tryUrl(unwrapRedirects(input.trim()));
  return url ? matchUnsupported(url) : null;
}
