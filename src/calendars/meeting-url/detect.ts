import { parseMeetingUrl } from './parse.js';
import { findMeetingUrlInText } from './text.js';
import type { MeetingSources, ParsedMeetingUrl } from './types.js';

type Maybe = string | null | undefined;

/** Structured fields hold a bare URL; an unsupported one does not stop detection (providers.md §7.1). */
function firstUrl(values: readonly Maybe[]): ParsedMeetingUrl | null {
  for (const value of values) {
    const parsed = value ? parseMeetingUrl(value) : null;
    if (parsed) return parsed;
  }
  return null;
}

function firstInText(values: readonly Maybe[]): ParsedMeetingUrl | null {
  for (const value of values) {
    const parsed = value ? findMeetingUrlInText(value) : null;
    if (parsed) return parsed;
  }
  return null;
}

/** Apply the reference's source priority: the first source yielding a supported link wins. */
export function detectMeeting(sources: MeetingSources): ParsedMeetingUrl | null {
  const tiers: Array<() => ParsedMeetingUrl | null> = [
    () => firstUrl([...(sources.conferenceUris ?? []), sources.onlineMeetingJoinUrl]),
    () => firstUrl([sources.hangoutLink, sources.onlineMeetingUrl]),
    () => firstInText([sources.location, ...(sources.locations ?? [])]),
    () => firstInText([sources.description]),
    () => firstInText([sources.notes]),
    () => firstInText([sources.title]),
  ];
  for (const tier of tiers) {
    const parsed = tier();
    if (parsed) return parsed;
  }
  return null;
}
