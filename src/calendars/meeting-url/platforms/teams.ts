import { decodeFully, hostIs, hostIsAny, safeDecode, tryUrl } from '../host.js';
import type { MeetingPlatform, ParsedMeetingUrl } from '../types.js';
import { isWeb, param, query } from './common.js';

// gov.teams.microsoft.us and dod.teams.microsoft.us are subdomains of teams.microsoft.us.
const TEAMS_DOMAINS = ['teams.microsoft.com', 'teams.microsoft.us'] as const;
const LIVE_DOMAIN = 'teams.live.com';

const MEETUP_PATH = /^\/l\/meetup-join\/([^/]+)\/([^/]+)\/?$/;
const MEET_PATH = /^\/meet\/(\d+)\/?$/;
const THREAD = /^19:[^/\s]+@thread\.[a-z0-9]+$/i;
// Deep-link shells that carry the meetup-join path in the fragment: /_#/l/… and /v2/?meetingjoin=true#/l/…
const HASH_SHELLS = new Set(['/', '/_', '/v2', '/v2/']);

/** The URL whose path is `/l/meetup-join/…`, looking behind the `/_#` and `/v2/#` fragment forms. */
function meetupTarget(url: URL): URL | null {
  if (url.pathname.startsWith('/l/meetup-join/')) return url;
  if (HASH_SHELLS.has(url.pathname) && url.hash.startsWith('#/l/meetup-join/')) {
    return tryUrl(url.hash.slice(1), url.origin);
  }
  return null;
}

/** The raw `context` value exactly as found, so the canonical URL keeps the original encoding. */
function rawParam(url: URL, name: string): string | null {
  const pair = url.search.slice(1).split('&').find((p) => p.startsWith(`${name}=`));
  return pair ? pair.slice(name.length + 1) || null : null;
}

/** Tid/Oid from the context JSON, which is sometimes encoded twice; null when undecodable. */
function contextIds(url: URL): { tenant: string | null; organizer: string | null } {
  let value = url.searchParams.get('context');
  for (let i = 0; value && i < 3; i++) {
    try {
      const ctx: unknown = JSON.parse(value);
      if (ctx && typeof ctx === 'object') {
        const { Tid, Oid } = ctx as Record<string, unknown>;
        return { tenant: typeof Tid === 'string' && Tid ? Tid : null, organizer: typeof Oid === 'string' && Oid ? Oid : null };
      }
    } catch {
      // not JSON yet: try one more percent-decoding round
    }
    const next = safeDecode(value);
    value = next === value ? null : next;
  }
  return { tenant: null, organizer: null };
}

function meetupJoin(url: URL, host: string, platform: MeetingPlatform): ParsedMeetingUrl | null {
  const m = MEETUP_PATH.exec(url.pathname);
  if (!m) return null;
  const [, threadSeg, messageSeg] = m;
  const threadId = decodeFully(threadSeg);
  const messageId = decodeFully(messageSeg);
  if (!THREAD.test(threadId) || !/^\d+$/.test(messageId)) return null;
  const context = rawParam(url, 'context');
  const { tenant, organizer } = contextIds(url);
  return {
    platform,
    url: `https://${host}/l/meetup-join/${threadSeg}/${messageSeg}${context ? `?context=${context}` : ''}`,
    meetingId: threadId,
    password: null,
    details: { thread_id: threadId, message_id: messageId, tenant_id: tenant, organizer_id: organizer },
  };
}

function meetId(url: URL, host: string, platform: MeetingPlatform): ParsedMeetingUrl | null {
  const m = MEET_PATH.exec(url.pathname);
  if (!m) return null;
  const passcode = param(url, 'p');
  return {
    platform,
    url: `https://${host}/meet/${m[1]}${query([['p', passcode]])}`,
    meetingId: m[1],
    password: passcode,
    details: { meeting_id: m[1], meeting_password: passcode },
  };
}

/** Microsoft Teams (work/school, incl. US government clouds) and Teams free (`teams.live.com`). */
export function parseTeams(url: URL): ParsedMeetingUrl | null {
  if (!isWeb(url)) return null;
  const host = url.hostname.toLowerCase();
  let platform: MeetingPlatform;
  if (hostIsAny(host, TEAMS_DOMAINS)) platform = 'microsoft_teams';
  else if (hostIs(host, LIVE_DOMAIN)) platform = 'microsoft_teams_live';
  else return null;
  const target = meetupTarget(url);
  if (target) return meetupJoin(target, host, platform);
  return meetId(url, host, platform);
}
