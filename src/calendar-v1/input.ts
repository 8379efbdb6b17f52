// Validation of V1 request bodies with Django REST Framework messages: booleans as JSON booleans or
// "true"/"false", read-only and unknown fields ignored (api-contract §2.4, §3.5).
import { PREFERENCE_FLAGS, type Preferences } from '../db/calendar-users.js';
import { validationError, type FieldErrors } from '../errors.js';
import type { V1Platform } from './users.js';

export function parseBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return undefined;
}

function stringField(v: unknown, max: number): { value?: string; error?: string } {
  if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
  if (typeof v !== 'string') return { error: 'Not a valid string.' };
  if (v.trim() === '') return { error: 'This field may not be blank.' };
  if (v.length > max) return { error: `Ensure this field has no more than ${max} characters.` };
  return { value: v };
}

/** `authenticate`: user_id required, 1–255 characters, numbers coerced to strings. */
export function parseUserId(body: Record<string, unknown>): string {
  if (body.user_id === undefined || body.user_id === null) throw validationError({ user_id: ['This field is required.'] });
  const r = stringField(body.user_id, 255);
  if (r.error) throw validationError({ user_id: [r.error] });
  return r.value!;
}

export interface UserPatch {
  external_id?: string;
  preferences: Partial<Preferences>;
}

export function parseUserPatch(body: Record<string, unknown>): UserPatch {
  const errors: FieldErrors = {};
  const out: UserPatch = { preferences: {} };
  if (body.external_id !== undefined) {
    const r = stringField(body.external_id, 255);
    if (r.error) errors.external_id = [r.error];
    else out.external_id = r.value;
  }
  const prefs = body.preferences;
  if (prefs !== undefined && prefs !== null) {
    if (typeof prefs !== 'object' || Array.isArray(prefs)) {
      errors.preferences = { non_field_errors: [`Invalid data. Expected a dictionary, but got ${Array.isArray(prefs) ? 'list' : typeof prefs}.`] };
    } else {
      const p = prefs as Record<string, unknown>;
      const perr: FieldErrors = {};
      for (const flag of PREFERENCE_FLAGS) {
        if (p[flag] === undefined) continue;
        const b = parseBool(p[flag]);
        if (b === undefined) perr[flag] = ['Must be a valid boolean.'];
        else out.preferences[flag] = b;
      }
      if (p.bot_name !== undefined) {
        const r = stringField(p.bot_name, 100);
        if (r.error) perr.bot_name = [r.error];
        else out.preferences.bot_name = r.value;
      }
      if (Object.keys(perr).length) errors.preferences = perr;
    }
  }
  if (Object.keys(errors).length) throw validationError(errors);
  return out;
}

export function parsePlatform(v: unknown, field = 'platform'): V1Platform {
  if (v === undefined || v === null || v === '') throw validationError({ [field]: ['This field is required.'] });
  if (v !== 'google' && v !== 'microsoft') throw validationError({ [field]: [`"${String(v)}" is not a valid choice.`] });
  return v;
}

/** `override_should_record`: true, false or null; absent = no change. */
export function parseOverride(body: Record<string, unknown>): boolean | null | undefined {
  if (!('override_should_record' in body) || body.override_should_record === undefined) return undefined;
  const v = body.override_should_record;
  if (v === null || v === '' || (typeof v === 'string' && v.toLowerCase() === 'null')) return null;
  const b = parseBool(v);
  if (b === undefined) throw validationError({ override_should_record: ['Must be a valid boolean.'] });
  return b;
}

/** An absolute http(s) URL, or a 400 keyed by the field. */
export function parseAbsoluteUrl(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string' && isHttpUrl(v)) return v;
  throw validationError({ [field]: ['Enter a valid URL.'] });
}

export function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && v.length <= 2000;
  } catch {
    return false;
  }
}
