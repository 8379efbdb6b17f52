// A seeded "realistic week": the mix of meetings a real user's calendar holds, as neutral EventInput so both
// emulators can seed it. Deterministic for a given (email, seed, weekStart); `soonMinutes` adds meetings relative
// to the current time for demos.
import { DateTime } from 'luxon';
import type { AttendeeInput, EventInput } from './control-types.js';
import { googleRedirect, meetUrl, safeLink, seededRandom, teamsUrl, zoomUrl, type Rng } from './links.js';

export interface RealisticWeekOptions {
  email: string;
  seed?: number;
  /** Any instant in the week; the week starts on its Monday (UTC). Default: the current week. */
  weekStart?: Date;
  /** Add two meetings starting this many minutes (and two more) from now. */
  soonMinutes?: number;
  flavour: 'google' | 'microsoft';
}

const ZONE = 'America/New_York';
const PEOPLE = ['maria', 'kenji', 'fatima', 'oliver', 'priya', 'lucas', 'amara', 'noah', 'sofia', 'wei'];
const EXTERNAL = ['globex.com', 'initech.io', 'umbrella-corp.net', 'hooli.xyz'];

export function realisticWeek(opts: RealisticWeekOptions): EventInput[] {
  const rng = seededRandom(opts.seed ?? 1);
  const email = opts.email.toLowerCase();
  const domain = email.split('@')[1] ?? 'example.com';
  const ms = opts.flavour === 'microsoft';
  const day = DateTime.fromJSDate(opts.weekStart ?? new Date(), { zone: 'utc' }).startOf('day');
  const monday = day.minus({ days: day.weekday - 1 }).toISODate()!;
  // Wall-clock time on day `d` (0 = Monday) of the week in the user's zone.
  const at = (d: number, hh: number, mm = 0): DateTime =>
    DateTime.fromISO(`${monday}T00:00:00`, { zone: ZONE }).plus({ days: d }).set({ hour: hh, minute: mm });
  const iso = (dt: DateTime): string => dt.toISO({ suppressMilliseconds: true })!;
  const colleague = (i: number): AttendeeInput => ({ email: `${PEOPLE[i % PEOPLE.length]}@${domain}`, responseStatus: 'accepted' });
  const me: AttendeeInput = { email, responseStatus: 'accepted' };
  const nativeLink = (): string => (ms ? teamsUrl(rng) : meetUrl(rng));
  const events: EventInput[] = [];
  const timed = (e: Omit<EventInput, 'start' | 'end' | 'timeZone'>, start: DateTime, minutes: number): EventInput => ({
    ...e,
    start: iso(start),
    end: iso(start.plus({ minutes })),
    timeZone: ZONE,
  });

  // Recurring 1:1s, organised by the manager and by the user.
  events.push(
    timed(
      {
        summary: `1:1 ${cap(PEOPLE[0]!)} / me`,
        recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=12'],
        organizer: colleague(0).email,
        attendees: [colleague(0), { email, responseStatus: 'accepted' }],
        conferenceUrl: nativeLink(),
      },
      at(0, 10),
      30,
    ),
    timed(
      {
        summary: `${cap(PEOPLE[3]!)} <> me`,
        recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE'],
        attendees: [me, colleague(3)],
        conferenceUrl: nativeLink(),
      },
      at(2, 15, 30),
      25,
    ),
  );
  // Daily standup Monday to Friday, with a Zoom link in the location.
  events.push(
    timed(
      {
        summary: 'Team standup',
        recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
        organizer: colleague(1).email,
        attendees: [colleague(1), colleague(2), colleague(4), { email, responseStatus: 'accepted' }],
        location: zoomUrl(rng),
      },
      at(0, 9, 15),
      15,
    ),
  );
  // All-hands: big attendee list, link only in the description / HTML body, wrapped the provider's way.
  const allHandsUrl = ms ? teamsUrl(rng) : zoomUrl(rng);
  const everyone: AttendeeInput[] = PEOPLE.map((p, i) => ({
    email: `${p}@${domain}`,
    responseStatus: (['accepted', 'tentative', 'needsAction', 'declined'] as const)[i % 4],
  }));
  events.push(
    timed(
      {
        summary: 'All-hands',
        recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=1TH'],
        organizer: `ceo@${domain}`,
        attendees: [...everyone, { email, responseStatus: 'accepted' }],
        ...(ms
          ? { bodyHtml: `<p>Join: <a href="${safeLink(allHandsUrl)}">Microsoft Teams meeting</a></p>` }
          : { description: `Agenda in the doc.\nJoin: ${googleRedirect(allHandsUrl)}` }),
      },
      at(3, 16),
      60,
    ),
  );
  // External calls: customer-organised Zoom and Webex, links in odd places.
  const ext = EXTERNAL[Math.floor(rng() * EXTERNAL.length)]!;
  const customerZoom = zoomUrl(rng);
  events.push(
    timed(
      {
        summary: `${cap(ext.split('.')[0]!)} x ${cap(domain.split('.')[0]!)}: renewal`,
        organizer: `buyer@${ext}`,
        attendees: [{ email: `buyer@${ext}`, responseStatus: 'accepted' }, colleague(5), { email, responseStatus: 'needsAction' }],
        selfResponseStatus: 'needsAction',
        ...(ms
          ? { bodyHtml: `<div>Zoom: <a href="${safeLink(customerZoom)}">${safeLink(customerZoom)}</a></div>` }
          : { description: `<a href="${googleRedirect(customerZoom)}">Join Zoom Meeting</a>` }),
      },
      at(1, 11),
      45,
    ),
    timed(
      {
        summary: 'Vendor demo',
        organizer: `sales@${EXTERNAL[(EXTERNAL.indexOf(ext) + 1) % EXTERNAL.length]}`,
        attendees: [{ email, responseStatus: 'tentative' }],
        selfResponseStatus: 'tentative',
        location: `https://acme.webex.com/acme/j.php?MTID=m${hex(rng, 10)}`,
      },
      at(3, 13),
      30,
    ),
  );
  // A declined invite (still a meeting with a link) and a tentative one.
  events.push(
    timed(
      {
        summary: 'Roadmap review',
        organizer: colleague(6).email,
        attendees: [colleague(6), colleague(7), { email, responseStatus: 'declined' }],
        selfResponseStatus: 'declined',
        conferenceUrl: nativeLink(),
      },
      at(1, 14),
      60,
    ),
    timed(
      {
        summary: 'Design critique',
        organizer: colleague(8).email,
        attendees: [colleague(8), { email, responseStatus: 'tentative' }, { email: `room-3@resource.${domain}`, resource: true }],
        selfResponseStatus: 'tentative',
        conferenceUrl: ms ? teamsUrl(rng) : zoomUrl(rng),
      },
      at(4, 10),
      45,
    ),
  );
  // Things without a meeting link: focus time, lunch, an all-day offsite and a holiday.
  events.push(
    timed({ summary: 'Focus time' }, at(2, 9), 120),
    timed({ summary: 'Lunch with Sofia', location: 'Café Lumen, 5th Ave' }, at(2, 12, 30), 60),
    { summary: 'Team offsite', start: at(4, 0).toISODate()!, end: at(5, 0).toISODate()!, allDay: true, location: 'Lisbon office' },
    { summary: 'Company holiday', start: at(0, 0).toISODate()!, end: at(1, 0).toISODate()!, allDay: true },
  );
  // A Teams call pasted as text into the body (Microsoft) / description (Google).
  const teams = teamsUrl(rng);
  events.push(
    timed(
      {
        summary: 'Partner sync (Teams)',
        organizer: `pm@${ext}`,
        attendees: [{ email: `pm@${ext}`, responseStatus: 'accepted' }, { email, responseStatus: 'accepted' }],
        selfResponseStatus: 'accepted',
        ...(ms
          ? { bodyHtml: `<p>Microsoft Teams meeting<br><a href="${teams}">Join the meeting now</a></p>` }
          : { description: `Microsoft Teams meeting\nJoin: ${googleRedirect(teams)}` }),
      },
      at(3, 17),
      30,
    ),
  );
  if (opts.soonMinutes !== undefined) events.push(...soonMeetings(rng, email, domain, opts.soonMinutes, ms));
  return events;
}

/** Two meetings starting `soon` and `soon + 2` minutes from now, one native and one Zoom. */
function soonMeetings(rng: Rng, email: string, domain: string, soon: number, ms: boolean): EventInput[] {
  const now = DateTime.utc().startOf('minute');
  const mk = (summary: string, offset: number, url: string): EventInput => ({
    summary,
    start: now.plus({ minutes: soon + offset }).toISO({ suppressMilliseconds: true })!,
    end: now.plus({ minutes: soon + offset + 30 }).toISO({ suppressMilliseconds: true })!,
    timeZone: 'UTC',
    attendees: [{ email, responseStatus: 'accepted' }, { email: `${PEOPLE[2]}@${domain}`, responseStatus: 'accepted' }],
    conferenceUrl: url,
  });
  return [mk('Demo: starting soon', 0, ms ? teamsUrl(rng) : meetUrl(rng)), mk('Demo: customer call', 2, zoomUrl(rng))];
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function hex(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rng() * 16).toString(16);
  return s;
}
