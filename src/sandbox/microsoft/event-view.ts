// Rendering of stored events as Graph `event` resources: full events for GET and calendarView, sparse stubs
// for delta occurrences, `@removed` entries for deletions.
import type { ResponseStatus } from '../shared/control-types.js';
import { changeKeyFor, iCalUIdFor, renderId, type IdFlavour } from './ids.js';
import type { Instance } from './recurrence.js';
import { graphRecurrence } from './recurrence-pattern.js';
import { graphDateTime, isoZ7, toMillis, windowsZoneName } from './timezones.js';
import type { AccountRec, EventFields, EventRec } from './types.js';

export interface ViewOpts {
  /** IANA zone to present times in and the name to label them with (as the client asked). */
  zone: string;
  zoneName: string;
  flavour: IdFlavour;
}

const NEVER = '0001-01-01T00:00:00Z';
const ATTENDEE_RESPONSE: Record<ResponseStatus, string> = { accepted: 'accepted', declined: 'declined', tentative: 'tentativelyAccepted', needsAction: 'none' };
const OWN_RESPONSE: Record<ResponseStatus, string> = { accepted: 'accepted', declined: 'declined', tentative: 'tentativelyAccepted', needsAction: 'notResponded' };

function when(ms: number, f: EventFields, o: ViewOpts): { dateTime: string; timeZone: string } {
  // All-day events are midnight to midnight in their own zone whatever Prefer says (providers.md §6.5).
  return { dateTime: graphDateTime(ms, f.allDay ? f.timeZone : o.zone), timeZone: o.zoneName };
}

function itemType(ev: EventRec, inst: Instance | null): string {
  if (!inst) return ev.recurrence ? 'seriesMaster' : 'singleInstance';
  return inst.exception && Object.keys(inst.exception.overrides).length ? 'exception' : 'occurrence';
}

function stripHtml(html: string): string {
  return html.replace(/<head[\s\S]*?<\/head>/gi, '').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 255);
}

function times(ev: EventRec, inst: Instance | null): { start: number; end: number } {
  if (inst) return { start: inst.start, end: inst.end };
  const f = ev.fields;
  return { start: toMillis(f.start, f.allDay, f.timeZone), end: toMillis(f.end, f.allDay, f.timeZone) };
}

export function eventId(ev: EventRec, inst: Instance | null, o: ViewOpts): string {
  return renderId(inst ? inst.key : ev.core, o.flavour);
}

export function etag(ev: EventRec, inst: Instance | null): string {
  return `W/"${changeKeyFor(inst ? inst.key : ev.core, ev.version * 1000 + (inst?.exception?.version ?? 0))}"`;
}

/** The sparse form delta uses for occurrences and exceptions (providers.md §4.1). */
export function renderStub(ev: EventRec, inst: Instance, o: ViewOpts): Record<string, unknown> {
  const t = times(ev, inst);
  return {
    '@odata.type': '#microsoft.graph.event',
    '@odata.etag': etag(ev, inst),
    id: eventId(ev, inst, o),
    type: itemType(ev, inst),
    seriesMasterId: renderId(ev.core, o.flavour),
    start: when(t.start, ev.fields, o),
    end: when(t.end, ev.fields, o),
  };
}

export function renderRemoved(key: string, o: ViewOpts): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.event', id: renderId(key, o.flavour), '@removed': { reason: 'deleted' } };
}

export function renderEvent(acc: AccountRec, ev: EventRec, inst: Instance | null, o: ViewOpts): Record<string, unknown> {
  const f: EventFields = { ...ev.fields, ...(inst?.exception?.overrides ?? {}) };
  const t = times(ev, inst);
  const id = eventId(ev, inst, o);
  const isOrganizer = f.organizer.email === acc.email;
  const attendees = f.attendees.filter((a) => a.email !== f.organizer.email);
  if (!isOrganizer && !attendees.some((a) => a.email === acc.email)) attendees.push({ email: acc.email, name: acc.name });
  const respondedAt = isoZ7(ev.updatedAt);
  const changeKey = etag(ev, inst).slice(3, -1);
  const type = itemType(ev, inst);
  return {
    '@odata.etag': etag(ev, inst),
    id,
    createdDateTime: isoZ7(ev.createdAt),
    lastModifiedDateTime: isoZ7(ev.updatedAt),
    changeKey,
    categories: [],
    transactionId: null,
    originalStartTimeZone: windowsZoneName(f.timeZone),
    originalEndTimeZone: windowsZoneName(f.timeZone),
    iCalUId: inst ? iCalUIdFor(`${ev.iCalUId}:${inst.stamp}`) : ev.iCalUId,
    uid: ev.iCalUId,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: f.subject,
    bodyPreview: stripHtml(f.bodyHtml),
    importance: 'normal',
    sensitivity: f.sensitivity,
    isAllDay: f.allDay,
    isCancelled: ev.isCancelled,
    isOrganizer,
    responseRequested: true,
    seriesMasterId: inst ? renderId(ev.core, o.flavour) : null,
    showAs: ev.isCancelled ? 'free' : 'busy',
    type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: Boolean(f.conferenceUrl),
    onlineMeetingProvider: f.conferenceUrl ? (/teams\.(microsoft|live)\.com/.test(f.conferenceUrl) ? 'teamsForBusiness' : 'unknown') : 'unknown',
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    ...(type === 'exception' && inst ? { originalStart: isoZ7(inst.originalStart).replace(/\.\d+Z$/, 'Z') } : {}),
    responseStatus: isOrganizer
      ? { response: 'organizer', time: NEVER }
      : { response: f.selfResponse ? OWN_RESPONSE[f.selfResponse] : 'notResponded', time: f.selfResponse ? respondedAt : NEVER },
    body: { contentType: 'html', content: f.bodyHtml },
    start: when(t.start, f, o),
    end: when(t.end, f, o),
    location: { displayName: f.location, locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} },
    locations: f.location ? [{ displayName: f.location, locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} }] : [],
    recurrence: inst ? null : graphRecurrence(ev),
    attendees: attendees.map((a) => {
      const r = a.email === acc.email && !isOrganizer ? (f.selfResponse ?? 'needsAction') : (a.responseStatus ?? 'needsAction');
      return {
        type: a.resource ? 'resource' : 'required',
        status: { response: ATTENDEE_RESPONSE[r], time: r === 'needsAction' ? NEVER : respondedAt },
        emailAddress: { name: a.name ?? a.email, address: a.email },
      };
    }),
    organizer: { emailAddress: { name: f.organizer.name, address: f.organizer.email } },
    onlineMeeting: f.conferenceUrl ? { joinUrl: f.conferenceUrl, conferenceId: null, tollNumber: null, tollFreeNumbers: [], quickDial: null, phones: [] } : null,
  };
}
