import { hostIs, hostIsAny, safeDecode, tryUrl } from './host.js';

const MAX_ROUNDS = 5;
const TEAMS_HOSTS = ['teams.microsoft.com', 'teams.microsoft.us'] as const;
// An inner URL whose own "://" is still percent-encoded was encoded once more than its wrapper.
const ENCODED_SCHEME = /^[a-z][a-z0-9+.-]*%3a/i;

/** The link a redirector points at, or null when `input` is not a known redirector. */
export function unwrapOnce(input: string): string | null {
  const url = tryUrl(input);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  const host = url.hostname;

  // Outlook Safe Links (nam12.safelinks.protection.outlook.com, or the atp-safelinks path form).
  if (hostIs(host, 'safelinks.protection.outlook.com') || url.pathname.includes('atp-safelinks')) {
    return url.searchParams.get('url');
  }
  // Google Calendar/Gmail redirect: https://www.google.com/url?q=<enc>&sa=D&…
  if ((host === 'www.google.com' || host === 'google.com') && url.pathname === '/url') {
    return url.searchParams.get('q') ?? url.searchParams.get('url');
  }
  // Teams launcher: …/dl/launcher/launcher.html?url=/_#/l/meetup-join/…
  if (hostIsAny(host, TEAMS_HOSTS) && url.pathname === '/dl/launcher/launcher.html') {
    const target = url.searchParams.get('url');
    if (!target) return null;
    const path = target.replace(/^\/_#/, '');
    return path.startsWith('/') ? `https://${host}${path}` : path;
  }
  return null;
}

/** Unwrap nested redirectors (repeating up to 5 times), decoding inner links that arrive double-encoded. */
export function unwrapRedirects(input: string): string {
  let current = input;
  for (let i = 0; i < MAX_ROUNDS; i++) {
    if (ENCODED_SCHEME.test(current)) current = safeDecode(current);
    const inner = unwrapOnce(current);
    if (inner === null || inner === current) break;
    current = inner.trim();
  }
  return ENCODED_SCHEME.test(current) ? safeDecode(current) : current;
}
