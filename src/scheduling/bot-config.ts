// Create Bot input (api-contract §5.2): the meeting link parsed into platform and identity, the timing, and every
// other field stored as given for the runtime. Validation answers DRF-style field errors.
import { parseMeetingUrl, type ParsedMeetingUrl } from '../calendars/meeting-url/index.js';
import type { BotSpec } from '../db/bots.js';
import { validationError, type FieldErrors } from '../errors.js';
import { parseQueryDate } from '../http/format.js';

export const DEFAULT_BOT_NAME = 'Meeting Notetaker';
export const DEFAULT_AUTOMATIC_LEAVE = { waiting_room_timeout: 1200, noone_joined_timeout: 1200 };

/** Create Bot fields besides meeting_url, bot_name, join_at and metadata; echoed (null when unset). */
export const PASSTHROUGH_FIELDS = [
  'recording_config',
  'output_media',
  'automatic_video_output',
  'automatic_audio_output',
  'chat',
  'automatic_leave',
  'variant',
  'zoom',
  'google_meet',
  'breakout_room',
] as const;

/** Read-only fields of the Bot object: ignored on input (§2.4). */
const READ_ONLY = new Set(['id', 'status', 'status_changes', 'recordings', 'calendar_meetings', 'created_at', 'updated_at']);
const CORE = new Set(['meeting_url', 'bot_name', 'join_at', 'metadata']);

export interface BotInput {
  parsed?: ParsedMeetingUrl;
  botName?: string;
  /** undefined = not given; null = join now. */
  joinAt?: Date | null;
  metadata?: Record<string, string | null>;
  /** Every other given field (unknown ones included: the runtime may understand them). */
  config: Record<string, unknown>;
}

/** Validates a Create Bot body (or a PATCH, where every field is optional). Throws 400 with field errors. */
export function parseBotInput(body: Record<string, unknown>, opts: { requireMeetingUrl: boolean }): BotInput {
  const errors: FieldErrors = {};
  const out: BotInput = { config: {} };
  if (body.meeting_url === undefined || body.meeting_url === null || body.meeting_url === '') {
    if (opts.requireMeetingUrl || body.meeting_url !== undefined) errors.meeting_url = ['This field is required.'];
  } else if (typeof body.meeting_url !== 'string') {
    errors.meeting_url = ['Not a valid string.'];
  } else {
    const parsed = parseMeetingUrl(body.meeting_url);
    if (!parsed) errors.meeting_url = ['Unsupported meeting URL. Use a Zoom, Google Meet, Microsoft Teams, Webex or GoTo Meeting link.'];
    else out.parsed = parsed;
  }
  if (body.bot_name !== undefined) {
    if (typeof body.bot_name !== 'string') errors.bot_name = ['Not a valid string.'];
    else if (body.bot_name.length > 100) errors.bot_name = ['Ensure this field has no more than 100 characters.'];
    else if (body.bot_name.trim() === '') errors.bot_name = ['This field may not be blank.'];
    else out.botName = body.bot_name;
  }
  if (body.join_at !== undefined) {
    if (body.join_at === null) out.joinAt = null;
    else {
      const d = typeof body.join_at === 'string' ? parseQueryDate(body.join_at) : null;
      if (!d) errors.join_at = ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'];
      else out.joinAt = new Date(Math.floor(d.getTime()));
    }
  }
  if (body.metadata !== undefined && body.metadata !== null) {
    const m = body.metadata;
    if (typeof m !== 'object' || Array.isArray(m)) errors.metadata = ['Expected a dictionary of items.'];
    else if (Object.values(m).some((v) => v !== null && typeof v !== 'string')) errors.metadata = ['Metadata values must be strings or null.'];
    else out.metadata = m as Record<string, string | null>;
  } else if (body.metadata === null) {
    out.metadata = {};
  }
  for (const [k, v] of Object.entries(body)) if (!CORE.has(k) && !READ_ONLY.has(k)) out.config[k] = v;
  if (Object.keys(errors).length) throw validationError(errors);
  return out;
}

/** A complete spec for a new bot (or a full replacement), from input with defaults. */
export function buildSpec(input: BotInput & { parsed: ParsedMeetingUrl }, opts: { leadMs: number; now: Date; defaultJoinAt?: Date }): BotSpec {
  const wanted = input.joinAt === undefined ? (opts.defaultJoinAt ?? null) : input.joinAt;
  // join_at is kept as given (a past value means "now"); dispatch is never scheduled in the past.
  const joinAt = wanted ?? opts.now;
  return {
    meetingUrl: input.parsed.url,
    meetingPlatform: input.parsed.platform,
    meetingId: input.parsed.meetingId,
    meetingPassword: input.parsed.password,
    meetingDetails: input.parsed.details,
    botName: input.botName ?? DEFAULT_BOT_NAME,
    joinAt,
    dispatchAt: dispatchTime(joinAt, opts.leadMs, opts.now),
    config: input.config,
    metadata: input.metadata ?? {},
  };
}

export function dispatchTime(joinAt: Date, leadMs: number, now: Date): Date {
  return new Date(Math.max(joinAt.getTime() - leadMs, now.getTime()));
}

/** True when the bot must be handed to its runtime now (ad-hoc join, or join within the lead). */
export function isImmediate(spec: BotSpec, now: Date): boolean {
  return spec.dispatchAt.getTime() <= now.getTime();
}

/** The Bot object's `meeting_url` (§5.2 table). */
export function meetingUrlObject(row: { meeting_platform: string; meeting_id: string | null; meeting_password: string | null; meeting_details: Record<string, string | null> }): Record<string, unknown> {
  const d = row.meeting_details ?? {};
  switch (row.meeting_platform) {
    case 'zoom':
    case 'microsoft_teams_live':
      return { platform: row.meeting_platform, meeting_id: row.meeting_id, meeting_password: row.meeting_password };
    case 'google_meet':
    case 'goto_meeting':
      return { platform: row.meeting_platform, meeting_id: row.meeting_id };
    case 'microsoft_teams':
      if (d.thread_id) return { platform: 'microsoft_teams', organizer_id: d.organizer_id ?? null, tenant_id: d.tenant_id ?? null, message_id: d.message_id ?? null, thread_id: d.thread_id };
      return { platform: 'microsoft_teams', organizer_id: null, tenant_id: null, message_id: null, thread_id: null, meeting_id: row.meeting_id, meeting_password: row.meeting_password };
    case 'webex':
      return {
        platform: 'webex',
        meeting_subdomain: d.meeting_subdomain ?? null,
        meeting_path: d.meeting_path ?? null,
        meeting_mtid: d.meeting_mtid ?? null,
        meeting_personal_room_id: d.meeting_personal_room_id ?? null,
      };
    default:
      return { platform: row.meeting_platform, meeting_id: row.meeting_id };
  }
}
