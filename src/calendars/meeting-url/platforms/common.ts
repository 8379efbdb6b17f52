import type { ParsedMeetingUrl } from '../types.js';

/** A platform matcher: given a parsed URL, the normalised meeting or null when the URL is not its join link. */
export type PlatformParser = (url: URL) => ParsedMeetingUrl | null;

/** Browser join links are http(s); only Zoom also accepts its native `zoommtg:` scheme. */
export function isWeb(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'http:';
}

/** Non-empty query parameter value, or null (empty `pwd=` means "no password"). */
export function param(url: URL, name: string): string | null {
  const v = url.searchParams.get(name);
  return v ? v : null;
}

/** Build `?a=1&b=2` from the kept parameters, skipping nulls, in the given (fixed) order. */
export function query(pairs: Array<[string, string | null]>): string {
  const kept = pairs.filter((p): p is [string, string] => p[1] !== null);
  if (kept.length === 0) return '';
  return '?' + kept.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}
