// The wire shapes the dashboard reads (api-contract.md §4, §5, §6); extension fields are optional.
export interface StatusChange {
  status: string;
  created_at: string;
  error_code: string | null;
  error_message: string | null;
}

export interface Calendar {
  id: string;
  platform: 'google_calendar' | 'microsoft_outlook';
  platform_email: string | null;
  oauth_email?: string | null;
  status: 'connecting' | 'connected' | 'disconnected';
  status_changes: StatusChange[];
  created_at: string;
  updated_at: string;
  [extension: string]: unknown;
}

export interface EventBot {
  bot_id: string;
  start_time: string;
  deduplication_key: string;
  meeting_url: string;
}

export interface CalendarEvent {
  id: string;
  calendar_id: string;
  platform: string;
  platform_id: string;
  ical_uid: string;
  start_time: string;
  end_time: string;
  meeting_platform: string | null;
  meeting_url: string | null;
  raw: Record<string, unknown>;
  is_deleted: boolean;
  bots: EventBot[];
  bot_reason?: string | null;
  created_at: string;
  updated_at: string;
}

export interface BotStatusChange {
  code: string;
  message: string | null;
  sub_code: string | null;
  created_at: string;
}

export interface Bot {
  id: string;
  meeting_url: Record<string, unknown> | string | null;
  bot_name: string;
  join_at: string | null;
  metadata: Record<string, string | null>;
  status_changes: BotStatusChange[];
  [field: string]: unknown;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  description?: string;
  event_types?: string[];
  disabled?: boolean;
  [field: string]: unknown;
}

export function eventTitle(e: CalendarEvent): string {
  const r = e.raw ?? {};
  const t = (r.summary ?? r.subject) as string | undefined;
  return t && t.trim() ? t : '(no title)';
}

export function botStatus(b: Bot | undefined): string {
  const last = b?.status_changes?.[b.status_changes.length - 1];
  return last?.code ?? 'unknown';
}
