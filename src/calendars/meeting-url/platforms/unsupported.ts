import { hostIs } from '../host.js';

/**
 * Services rollcall recognises but cannot send a bot to (providers.md §7.3). They never produce a
 * `meeting_url`; knowing them lets callers explain why an event has no recordable link.
 */
const UNSUPPORTED: Array<[name: string, test: (url: URL) => boolean]> = [
  ['jitsi', (u) => hostIs(u.hostname, 'meet.jit.si')],
  ['whereby', (u) => hostIs(u.hostname, 'whereby.com')],
  ['amazon_chime', (u) => hostIs(u.hostname, 'chime.aws')],
  ['ringcentral', (u) => hostIs(u.hostname, 'ringcentral.com')],
  ['bluejeans', (u) => hostIs(u.hostname, 'bluejeans.com')],
  ['slack_huddle', (u) => hostIs(u.hostname, 'app.slack.com') && u.pathname.startsWith('/huddle/')],
  ['skype', (u) => hostIs(u.hostname, 'join.skype.com')],
  ['zoho', (u) => /^(?:meeting|cliq)\.zoho\.[a-z.]+$/.test(u.hostname.toLowerCase())],
  ['8x8', (u) => hostIs(u.hostname, '8x8.vc')],
];

/** Name of the recognised-but-unsupported service a parsed URL belongs to, or null. */
export function matchUnsupported(url: URL): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return UNSUPPORTED.find(([, test]) => test(url))?.[0] ?? null;
}
