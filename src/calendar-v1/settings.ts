// A workspace's Calendar V1 settings (api-contract §2.12), kept in workspaces.settings.calendar_v1: the bot
// preset, deduplication switches, the bot's lead before the meeting start, and the redirect/CORS allowlists.
import { findWorkspace, mergeWorkspaceSettings } from '../db/workspaces.js';
import type { Queryable } from '../db/pool.js';
import { ApiError, validationError, type FieldErrors } from '../errors.js';
import { parseBotInput } from '../scheduling/bot-config.js';

export interface V1Settings {
  /** Any Create Bot fields; `bot_name` comes from the user's preferences, `meeting_url`/`join_at` from the meeting. */
  bot_preset: Record<string, unknown>;
  /** One bot per meeting identity and start (default on). */
  deduplicate_bots: boolean;
  /** Also share one bot between Google and Microsoft users of the same meeting (default off). */
  deduplicate_across_platforms: boolean;
  /** Bots join this long before the meeting starts (default 120 s). */
  join_lead_seconds: number;
  /** When non-empty, success_url/error_url must start with one of these (else the HTML page is shown). */
  redirect_allowlist: string[];
  /** When non-empty, browsers of these origins only (echoed with `Vary: Origin`); empty = `*`. */
  cors_origins: string[];
}

export const DEFAULT_V1_SETTINGS: V1Settings = {
  bot_preset: {},
  deduplicate_bots: true,
  deduplicate_across_platforms: false,
  join_lead_seconds: 120,
  redirect_allowlist: [],
  cors_origins: [],
};

export async function v1Settings(db: Queryable, workspaceId: string): Promise<V1Settings> {
  const ws = await findWorkspace(db, workspaceId);
  return { ...DEFAULT_V1_SETTINGS, ...((ws?.settings.calendar_v1 as Partial<V1Settings> | undefined) ?? {}) };
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length <= 2000);

/** Validates a partial update (unknown keys ignored) and merges it; returns the new settings. */
export async function updateV1Settings(db: Queryable, workspaceId: string, body: Record<string, unknown>): Promise<V1Settings> {
  const errors: FieldErrors = {};
  const patch: Partial<V1Settings> = {};
  if (body.bot_preset !== undefined) {
    const p = body.bot_preset;
    if (typeof p !== 'object' || p === null || Array.isArray(p)) errors.bot_preset = ['Expected a dictionary of items.'];
    else {
      patch.bot_preset = Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'meeting_url' && k !== 'join_at'));
      // Checked as a Create Bot body now, so a bad preset cannot fail every later sync.
      try {
        parseBotInput({ ...patch.bot_preset, meeting_url: 'https://meet.google.com/abc-defg-hij' }, { requireMeetingUrl: true });
      } catch (err) {
        if (err instanceof ApiError) errors.bot_preset = (err.options.errors ?? {}) as FieldErrors;
        else throw err;
      }
    }
  }
  for (const k of ['deduplicate_bots', 'deduplicate_across_platforms'] as const) {
    if (body[k] === undefined) continue;
    if (typeof body[k] !== 'boolean') errors[k] = ['Must be a valid boolean.'];
    else patch[k] = body[k];
  }
  if (body.join_lead_seconds !== undefined) {
    const n = body.join_lead_seconds;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 3600) errors.join_lead_seconds = ['Ensure this value is an integer between 0 and 3600.'];
    else patch.join_lead_seconds = n;
  }
  for (const k of ['redirect_allowlist', 'cors_origins'] as const) {
    if (body[k] === undefined) continue;
    if (!isStringList(body[k])) errors[k] = ['Expected a list of strings.'];
    else patch[k] = body[k];
  }
  if (Object.keys(errors).length) throw validationError(errors);
  const current = await v1Settings(db, workspaceId);
  const next = { ...current, ...patch };
  await mergeWorkspaceSettings(db, workspaceId, { calendar_v1: next });
  return next;
}
