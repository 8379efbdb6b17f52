import type { ParsedMeetingUrl } from './types.js';

/**
 * Meeting identity for bot deduplication (api-contract §3.8): platform plus meeting id (Zoom id, Meet code,
 * Teams thread id or /meet/ id, Webex MTID or room, GoTo id), else the normalised URL.
 */
export function meetingIdentity(parsed: ParsedMeetingUrl): string {
  if (parsed.meetingId === null) return `${parsed.platform}:${parsed.url}`;
  // Webex room names are only unique within a site (alice@acme ≠ alice@globex); MTIDs are global.
  const site = parsed.details.meeting_subdomain;
  if (parsed.platform === 'webex' && parsed.details.meeting_mtid == null && site) {
    return `webex:${site}/${parsed.meetingId}`;
  }
  return `${parsed.platform}:${parsed.meetingId}`;
}
