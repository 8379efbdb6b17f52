// The catalogue of webhook event types rollcall emits (api-contract §6.1). Endpoint filters are checked against it.

/** Bot status codes that produce `bot.<code>` events, in the order a bot normally passes through them. */
export const BOT_STATUS_CODES = [
  'joining_call',
  'in_waiting_room',
  'in_call_not_recording',
  'recording_permission_allowed',
  'recording_permission_denied',
  'in_call_recording',
  'call_ended',
  'done',
  'fatal',
] as const;
export type BotStatusCode = (typeof BOT_STATUS_CODES)[number];

export const CALENDAR_EVENT_TYPES = ['calendar.update', 'calendar.sync_events'] as const;

export const EVENT_TYPES = [
  ...CALENDAR_EVENT_TYPES,
  ...BOT_STATUS_CODES.map((c) => `bot.${c}` as const),
  'webhook_endpoint.disabled',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const known = new Set<string>(EVENT_TYPES);

export function isEventType(s: string): s is EventType {
  return known.has(s);
}

/** Only these go to a calendar's own `webhook_url` (§6.3). */
export function isCalendarEvent(event: string): boolean {
  return event.startsWith('calendar.');
}

/** Name of a bot status event, e.g. botEventType('done') → 'bot.done'. */
export function botEventType(code: BotStatusCode): EventType {
  return `bot.${code}`;
}
