// Calendar V1 as an app uses it (api-contract.md §3): the API key lists calendar users and mints their calendar
// tokens; everything about one user goes through that user's token. Tokens live in this module's memory only
// and are minted again on a 401 (expired, or the workspace secret rotated).
import { HttpError, api } from './api.js';

export interface V1Connection {
  connected: boolean;
  platform: 'google' | 'microsoft';
  email: string | null;
  id: string | null;
}

export interface V1Preferences {
  id: string;
  record_non_host: boolean;
  record_recurring: boolean;
  record_external: boolean;
  record_internal: boolean;
  record_confirmed: boolean;
  record_only_host: boolean;
  bot_name: string;
}

export interface V1User {
  id: string;
  external_id: string;
  connections: V1Connection[];
  preferences: V1Preferences;
}

export interface V1Meeting {
  id: string;
  override_should_record: boolean | null;
  title: string;
  description: string;
  will_record: boolean;
  will_record_reason: string;
  start_time: string;
  end_time: string;
  platform: string | null;
  calendar_platform: 'google' | 'microsoft';
  bot_id: string | null;
  is_external: boolean;
  is_hosted_by_me: boolean;
  is_recurring: boolean;
  organizer_email: string | null;
  attendees: { name: string; email: string; is_organizer: boolean; status: string }[];
  [field: string]: unknown;
}

export const listV1Users = () => api<V1User[]>('/api/v1/calendar/users/');

// Keyed by calendar user id, not external id: the external id is writable, and `authenticate` with an unknown
// one creates a user. A pending mint is shared by concurrent callers.
const tokens = new Map<string, Promise<string>>();

export function forgetCalendarTokens(): void {
  tokens.clear();
}

/**
 * Mints a token for the user with id `userId`, looking up its current external id first unless the caller just
 * listed it, so that a deleted or renamed user is never re-created by the dashboard.
 */
async function mint(userId: string, externalId: string | undefined): Promise<string> {
  const ext = externalId ?? (await listV1Users()).find((u) => u.id === userId)?.external_id;
  if (ext === undefined) throw new Error('This calendar user no longer exists.');
  return (await api<{ token: string }>('/api/v1/calendar/authenticate/', { method: 'POST', body: { user_id: ext } })).token;
}

function token(userId: string, externalId: string | undefined): Promise<string> {
  let t = tokens.get(userId);
  if (!t) {
    t = mint(userId, externalId);
    tokens.set(userId, t);
    const mine = t;
    mine.catch(() => tokens.get(userId) === mine && tokens.delete(userId));
  }
  return t;
}

/** A calendar-token call for one user; a 401 mints a fresh token (after re-checking the user) and retries once. */
export async function asUser<T>(user: { id: string; external_id?: string }, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const call = async (t: string) => api<T>(path, { ...init, auth: false, headers: { 'X-RecallCalendarAuthToken': t } });
  const first = token(user.id, user.external_id);
  try {
    return await call(await first);
  } catch (err) {
    if (!(err instanceof HttpError) || err.status !== 401) throw err;
    if (tokens.get(user.id) === first) tokens.delete(user.id);
    return call(await token(user.id, undefined));
  }
}

export const userOf = (u: { id: string; external_id?: string }) => asUser<V1User>(u, '/api/v1/calendar/user/');
export const meetingsOf = (u: { id: string; external_id?: string }) => asUser<V1Meeting[]>(u, '/api/v1/calendar/meetings/');
export const meetingOf = (u: { id: string }, meetingId: string) => asUser<V1Meeting>(u, `/api/v1/calendar/meetings/${encodeURIComponent(meetingId)}/`);
export const setOverride = (u: { id: string }, meetingId: string, value: boolean | null) =>
  asUser<V1Meeting>(u, `/api/v1/calendar/meetings/${encodeURIComponent(meetingId)}/`, { method: 'PUT', body: { override_should_record: value } });
export const patchPreferences = (u: { id: string }, preferences: Partial<Omit<V1Preferences, 'id'>>) =>
  asUser<V1User>(u, '/api/v1/calendar/user/', { method: 'PATCH', body: { preferences } });

/** The base rules (OR-ed) and the filters (AND-ed on top), api-contract.md §3.7, with the dashboard's wording. */
export const BASE_RULES = [
  ['record_external', 'Meetings with external attendees', 'external'],
  ['record_internal', 'Internal meetings', 'internal'],
  ['record_non_host', 'Meetings I do not host', 'not hosted'],
  ['record_recurring', 'Recurring meetings', 'recurring'],
] as const;
export const FILTERS = [
  ['record_confirmed', 'Only meetings I accepted', 'accepted only'],
  ['record_only_host', 'Only meetings I host', 'host only'],
] as const;

export function preferenceSummary(p: V1Preferences): string {
  const base = BASE_RULES.filter(([k]) => p[k]).map(([, , short]) => short);
  if (base.length === 0) return 'records nothing (no rule on)';
  const filters = FILTERS.filter(([k]) => p[k]).map(([, , short]) => short);
  return `records ${base.join(' or ')}${filters.length ? `; ${filters.join(', ')}` : ''}`;
}
