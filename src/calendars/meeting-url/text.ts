import { htmlPieces } from './html.js';
import { meetingIdentity } from './identity.js';
import { parseMeetingUrl } from './parse.js';
import type { ParsedMeetingUrl } from './types.js';

// providers.md §7.2: http(s) links up to whitespace/brackets/quotes, plus Zoom's native zoommtg: form.
const URL_PATTERN = /(?<![a-z0-9])(?:https?|zoommtg):\/\/[^\s<>"'()[\]{}]+/gi;
const TRAILING = /[.,;:!?'"]+$/;
// Links quoted inside a mailto: (e.g. a prefilled body) are not the meeting's own link.
const MAILTO = /mailto:[^\s<>"']+/gi;

/** Every URL-looking string in one piece of plain text, trailing sentence punctuation trimmed. */
export function extractUrls(text: string): string[] {
  const urls: string[] = [];
  for (const m of text.replace(MAILTO, ' ').matchAll(URL_PATTERN)) {
    const url = m[0].replace(TRAILING, '');
    if (url) urls.push(url);
  }
  return urls;
}

/** All supported meeting links in free text (plain or HTML), in document order. */
export function findMeetingUrlsInText(text: string): ParsedMeetingUrl[] {
  const found: ParsedMeetingUrl[] = [];
  for (const piece of htmlPieces(text)) {
    for (const raw of extractUrls(piece)) {
      const parsed = parseMeetingUrl(raw);
      if (parsed) found.push(parsed);
    }
  }
  return found;
}

/**
 * providers.md §7.4: the first meeting in document order wins; among links to that same meeting, prefer the
 * one carrying a passcode (invites often repeat the link without `pwd`/`p`).
 */
export function pickCandidate(candidates: readonly ParsedMeetingUrl[]): ParsedMeetingUrl | null {
  const first = candidates[0];
  if (!first) return null;
  const identity = meetingIdentity(first);
  return candidates.find((c) => c.password !== null && meetingIdentity(c) === identity) ?? first;
}

/** Find the first supported meeting link in free text (plain or HTML), after unwrapping redirectors. */
export function findMeetingUrlInText(text: string): ParsedMeetingUrl | null {
  if (!text) return null;
  return pickCandidate(findMeetingUrlsInText(text));
}
