import type { MeetingSources } from './types.js';

// Raw provider events are untrusted JSON: read fields defensively instead of assuming their shape.
function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function list(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** Sources from a raw Google Calendar v3 event (providers.md §2.6, §7.1). */
export function googleEventSources(raw: any): MeetingSources {
  const conference = raw?.conferenceData;
  const conferenceUris = list(conference?.entryPoints)
    .filter((ep) => ep?.entryPointType === 'video')
    .map((ep) => str(ep?.uri))
    .filter((uri): uri is string => uri !== null);
  return {
    conferenceUris,
    hangoutLink: str(raw?.hangoutLink),
    location: str(raw?.location),
    description: str(raw?.description),
    notes: str(conference?.notes),
    title: str(raw?.summary),
  };
}

/** Sources from a raw Microsoft Graph event (providers.md §4.3, §7.1). */
export function graphEventSources(raw: any): MeetingSources {
  const locations = [raw?.location, ...list(raw?.locations)]
    .flatMap((loc) => [str(loc?.locationUri), str(loc?.displayName)])
    .filter((value): value is string => value !== null);
  return {
    onlineMeetingJoinUrl: str(raw?.onlineMeeting?.joinUrl),
    onlineMeetingUrl: str(raw?.onlineMeetingUrl),
    locations,
    description: str(raw?.body?.content),
    title: str(raw?.subject),
  };
}
