import type { ParsedMeetingUrl } from '../types.js';
import type { PlatformParser } from './common.js';
import { parseGoto } from './goto.js';
import { parseMeet } from './meet.js';
import { parseTeams } from './teams.js';
import { parseWebex } from './webex.js';
import { parseZoom } from './zoom.js';

// Host sets are disjoint, so the order only affects speed: commonest platforms first.
const PARSERS: readonly PlatformParser[] = [parseZoom, parseMeet, parseTeams, parseWebex, parseGoto];

/** Match an already-unwrapped URL against every supported platform. */
export function matchPlatform(url: URL): ParsedMeetingUrl | null {
  for (const parse of PARSERS) {
    const parsed = parse(url);
    if (parsed) return parsed;
  }
  return null;
}

export { parseGoto, parseMeet, parseTeams, parseWebex, parseZoom };
export { matchUnsupported } from './unsupported.js';
export type { PlatformParser } from './common.js';
