// Projecting stored events into Google Calendar's Event resource as the account sees it: `self` on the owner's
// rows, organizer flags, conference data, cancelled stubs carrying only what Google guarantees.
import type { AttendeeInput, EventInput } from '../shared/control-types.js';
import { googleRedirect } from '../shared/links.js';
import type { Occurrence } from './recurrence.js';
import { rfc3339, toGoogleTime } from './time.js';
import type { StoredEvent } from './types.js';

export type GoogleEvent = Record<string, unknown>;

export interface ViewContext {
  email: string;
  calendarZone: string;
  /** `timeZone` list parameter: present instants in this zone. */
  presentZone?: string;
  origin: string;
}

const etag = (ev: StoredEvent): string => `"${ev.updated}${String(ev.seq % 1000).padStart(3, '0')}"`;

/** A plain event, a series master, or an exception stored as its own item. */
export function viewEvent(ev: StoredEvent, ctx: ViewContext): GoogleEvent {
  if (ev.recurringEventId !== undefined && ev.originalStartMs !== undefined) {
    return viewInstance(ev, { id: ev.id, originalStartMs: ev.originalStartMs, startMs: ev.startMs, endMs: ev.endMs }, ctx, ev.recurringEventId);
  }
  if (ev.deleted || (ev.status === 'cancelled' && !isOrganizer(ev.data, ctx.email))) {
    return { kind: 'calendar#event', etag: etag(ev), id: ev.id, status: 'cancelled' };
  }
  return full(ev, ev.id, ev.startMs, ev.endMs, ctx);
}

/**
 * An instance of a series. `source` is the exception item if one exists, else the master; cancelled instances
 * (or instances of a cancelled series) are stubs with id, recurringEventId and originalStartTime.
 */
export function viewInstance(source: StoredEvent, occ: Occurrence, ctx: ViewContext, seriesId: string, seriesCancelled = false): GoogleEvent {
  const allDay = source.data.allDay === true;
  const zone = source.data.timeZone ?? 'UTC';
  const keys = {
    recurringEventId: seriesId,
    originalStartTime: toGoogleTime(occ.originalStartMs, allDay, zone, ctx.calendarZone, ctx.presentZone),
  };
  if (seriesCancelled || source.deleted || source.status === 'cancelled') {
    return { kind: 'calendar#event', etag: etag(source), id: occ.id, status: 'cancelled', ...keys };
  }
  const ev = full(source, occ.id, occ.startMs, occ.endMs, ctx);
  delete ev.recurrence;
  return { ...ev, ...keys };
}

/** Stub for an instance a series change removed. */
export function retiredStub(master: StoredEvent, r: { id: string; originalStartMs: number }, ctx: ViewContext): GoogleEvent {
  return viewInstance(master, { id: r.id, originalStartMs: r.originalStartMs, startMs: r.originalStartMs, endMs: r.originalStartMs }, ctx, master.id, true);
}

function isOrganizer(d: EventInput, email: string): boolean {
  return !d.organizer || d.organizer.toLowerCase() === email;
}

function full(ev: StoredEvent, id: string, startMs: number, endMs: number, ctx: ViewContext): GoogleEvent {
  const d = ev.data;
  const allDay = d.allDay === true;
  const zone = d.timeZone ?? 'UTC';
  const organizerEmail = (d.organizer ?? ctx.email).toLowerCase();
  const out: GoogleEvent = {
    kind: 'calendar#event',
    etag: etag(ev),
    id,
    status: ev.status,
    htmlLink: `${ctx.origin}/calendar/event?eid=${Buffer.from(`${id} ${ctx.email}`).toString('base64url')}`,
    created: rfc3339(ev.created),
    updated: rfc3339(ev.updated),
  };
  if (d.summary !== undefined) out.summary = d.summary;
  const description = d.description ?? d.bodyHtml;
  if (description !== undefined) out.description = description;
  if (d.location !== undefined) out.location = d.location;
  out.creator = person(organizerEmail, ctx.email);
  out.organizer = person(organizerEmail, ctx.email);
  out.start = toGoogleTime(startMs, allDay, zone, ctx.calendarZone, ctx.presentZone);
  out.end = toGoogleTime(endMs, allDay, zone, ctx.calendarZone, ctx.presentZone);
  if (d.recurrence?.length) out.recurrence = [...d.recurrence];
  out.transparency = allDay ? 'transparent' : undefined;
  if (out.transparency === undefined) delete out.transparency;
  if (d.visibility && d.visibility !== 'default') out.visibility = d.visibility;
  out.iCalUID = ev.iCalUID;
  out.sequence = ev.sequence;
  const attendees = attendeeRows(d, organizerEmail, ctx.email);
  if (attendees.length) out.attendees = attendees;
  Object.assign(out, conference(d.conferenceUrl));
  out.reminders = { useDefault: true };
  out.eventType = 'default';
  return out;
}

function person(email: string, self: string): Record<string, unknown> {
  return email === self ? { email, self: true } : { email };
}

/** Attendee rows: the organizer's row, the account's own row (`self`), everyone else; absent when alone. */
function attendeeRows(d: EventInput, organizer: string, self: string): Record<string, unknown>[] {
  const given: AttendeeInput[] = d.attendees ?? [];
  if (!given.length) return [];
  const rows = new Map<string, Record<string, unknown>>();
  for (const a of given) {
    const email = a.email.toLowerCase();
    const row: Record<string, unknown> = { email };
    if (a.name) row.displayName = a.name;
    if (email === organizer) row.organizer = true;
    if (email === self) row.self = true;
    if (a.resource) row.resource = true;
    row.responseStatus = a.responseStatus ?? (email === organizer ? 'accepted' : 'needsAction');
    rows.set(email, row);
  }
  if (!rows.has(organizer)) rows.set(organizer, { email: organizer, organizer: true, ...(organizer === self ? { self: true } : {}), responseStatus: 'accepted' });
  if (!rows.has(self)) rows.set(self, { email: self, self: true, responseStatus: d.selfResponseStatus ?? 'needsAction' });
  const selfRow = rows.get(self)!;
  if (d.selfResponseStatus) selfRow.responseStatus = d.selfResponseStatus;
  return [...rows.values()];
}

/** Meet links become hangoutLink + hangoutsMeet data; anything else looks like a conferencing add-on. */
function conference(url: string | undefined): GoogleEvent {
  if (!url) return {};
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return {};
  }
  const host = u.hostname.toLowerCase();
  const meet = host === 'meet.google.com' ? /^\/([a-z]{3}-[a-z]{4}-[a-z]{3})/.exec(u.pathname)?.[1] : undefined;
  if (meet) {
    return {
      hangoutLink: `https://meet.google.com/${meet}`,
      conferenceData: {
        conferenceId: meet,
        conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet', iconUri: 'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png' },
        entryPoints: [
          { entryPointType: 'video', uri: `https://meet.google.com/${meet}`, label: `meet.google.com/${meet}` },
          { entryPointType: 'phone', uri: 'tel:+1-555-555-0100', label: '+1 555-555-0100', pin: '123456789', regionCode: 'US' },
        ],
      },
    };
  }
  const zoom = /(^|\.)zoom\.(us|com)$/.test(host) ? /\/j\/(\d+)/.exec(u.pathname)?.[1] : undefined;
  const name = zoom ? 'Zoom Meeting' : host.includes('teams.') ? 'Microsoft Teams Meeting' : host;
  const video: Record<string, unknown> = { entryPointType: 'video', uri: url, label: `${host}${u.pathname}`.slice(0, 80) };
  if (zoom) {
    video.meetingCode = zoom;
    const pwd = u.searchParams.get('pwd');
    if (pwd) video.passcode = pwd;
  }
  return {
    conferenceData: {
      conferenceId: zoom ?? host,
      conferenceSolution: { key: { type: 'addOn' }, name },
      entryPoints: [video],
      notes: `Join ${name}: <br><a href="${googleRedirect(url).replace(/&/g, '&amp;')}">${host}</a>`,
    },
  };
}
