// Mapping of the neutral control-API EventInput onto the stored Graph-flavoured fields.
import { DateTime } from 'luxon';
import type { EventInput } from '../shared/control-types.js';
import { resolveZone } from './timezones.js';
import type { EventFields } from './types.js';

export class InputError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Outlook stores bodies as full HTML documents; Teams invitations carry the join link in the body too. */
export function bodyFromText(text: string, conferenceUrl: string | null): string {
  const parts = [text ? `<div>${escapeHtml(text).replace(/\n/g, '<br>')}</div>` : ''];
  if (conferenceUrl && /teams\.microsoft\.com|teams\.live\.com/.test(conferenceUrl)) {
    parts.push(`<div><a href="${escapeHtml(conferenceUrl)}">Join the meeting now</a></div>`);
  }
  return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>${parts.join('')}</body></html>`;
}

function normaliseTime(value: unknown, allDay: boolean, zone: string, field: string): string {
  if (typeof value !== 'string') throw new InputError(`${field} is required`);
  const dt = DateTime.fromISO(value, { zone, setZone: true });
  if (!dt.isValid) throw new InputError(`${field} is not an ISO 8601 date or instant: ${value}`);
  return allDay ? dt.toISODate()! : dt.toUTC().toISO()!;
}

/** Apply a (partial) EventInput on top of `base` (or defaults for a new event owned by `owner`). */
export function applyInput(base: EventFields | null, input: Partial<EventInput>, owner: { email: string; name: string }): EventFields {
  const f: EventFields = base
    ? { ...base, organizer: { ...base.organizer }, attendees: [...base.attendees] }
    : {
        subject: '',
        bodyHtml: '',
        location: '',
        start: '',
        end: '',
        allDay: false,
        timeZone: 'UTC',
        conferenceUrl: null,
        organizer: { email: owner.email, name: owner.name },
        attendees: [],
        selfResponse: null,
        sensitivity: 'normal',
      };
  if (input.timeZone !== undefined) {
    const zone = resolveZone(input.timeZone);
    if (!zone) throw new InputError(`unknown time zone: ${input.timeZone}`);
    f.timeZone = zone;
  }
  if (input.allDay !== undefined) f.allDay = Boolean(input.allDay);
  if (input.start !== undefined || !base) f.start = normaliseTime(input.start, f.allDay, f.timeZone, 'start');
  if (input.end !== undefined || !base) f.end = normaliseTime(input.end, f.allDay, f.timeZone, 'end');
  if (input.allDay !== undefined && base && input.start === undefined) f.start = normaliseTime(base.start, f.allDay, f.timeZone, 'start');
  if (input.allDay !== undefined && base && input.end === undefined) f.end = normaliseTime(base.end, f.allDay, f.timeZone, 'end');
  if (f.end < f.start) throw new InputError('end is before start');
  if (input.summary !== undefined) f.subject = String(input.summary);
  if (input.location !== undefined) f.location = String(input.location);
  if (input.conferenceUrl !== undefined) f.conferenceUrl = input.conferenceUrl ? String(input.conferenceUrl) : null;
  if (input.bodyHtml !== undefined) f.bodyHtml = String(input.bodyHtml);
  else if (input.description !== undefined || !base) f.bodyHtml = bodyFromText(String(input.description ?? ''), f.conferenceUrl);
  if (input.organizer !== undefined) {
    const email = String(input.organizer).toLowerCase();
    f.organizer = { email, name: email === owner.email ? owner.name : nameFromEmail(email) };
  }
  if (input.attendees !== undefined) {
    if (!Array.isArray(input.attendees)) throw new InputError('attendees must be an array');
    f.attendees = input.attendees.map((a) => ({ ...a, email: String(a.email).toLowerCase() }));
  }
  if (input.selfResponseStatus !== undefined) f.selfResponse = input.selfResponseStatus;
  if (input.visibility !== undefined) {
    f.sensitivity = input.visibility === 'private' ? 'private' : input.visibility === 'confidential' ? 'confidential' : 'normal';
  }
  return f;
}

export function nameFromEmail(email: string): string {
  return (email.split('@')[0] ?? email)
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}
