// Derives the V1 meeting fields of api-contract §3.4 from a stored Google or Graph event (field derivation
// table): attendees, host, external/recurring flags, the account's own response.
type Json = Record<string, any>;

export interface V1Attendee {
  name: string;
  email: string;
  is_organizer: boolean;
  status: 'accepted' | 'declined' | 'tentative' | 'not_available';
}

export interface DerivedMeeting {
  title: string;
  description: string;
  organizerEmail: string | null;
  attendees: V1Attendee[];
  isHostedByMe: boolean;
  isRecurring: boolean;
  isExternal: boolean;
  isCancelled: boolean;
  acceptedBySelf: boolean;
  visibility: string;
}

const lower = (s: unknown): string | null => (typeof s === 'string' && s !== '' ? s.toLowerCase() : null);
const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

function googleStatus(s: unknown): V1Attendee['status'] {
  return s === 'accepted' || s === 'declined' || s === 'tentative' ? s : 'not_available';
}

function graphStatus(s: unknown): V1Attendee['status'] {
  if (s === 'accepted' || s === 'organizer') return 'accepted';
  if (s === 'declined') return 'declined';
  if (s === 'tentativelyAccepted') return 'tentative';
  return 'not_available';
}

/** Any attendee whose domain differs from the host's (case-insensitive); attendees without email are skipped. */
function external(attendees: V1Attendee[], hostEmail: string | null): boolean {
  if (!hostEmail) return false;
  const host = domainOf(hostEmail);
  return attendees.some((a) => a.email.includes('@') && domainOf(a.email) !== host);
}

/** Graph never lists the organizer (Google sometimes does not): add them first, as accepted. */
function withOrganizer(attendees: V1Attendee[], organizerEmail: string | null, organizerName: string): V1Attendee[] {
  if (!organizerEmail || attendees.some((a) => a.email.toLowerCase() === organizerEmail.toLowerCase())) return attendees;
  return [{ name: organizerName, email: organizerEmail, is_organizer: true, status: 'accepted' }, ...attendees];
}

function fromGoogle(raw: Json, me: string | null): DerivedMeeting {
  const organizerEmail: string | null = typeof raw.organizer?.email === 'string' ? raw.organizer.email : null;
  const org = lower(organizerEmail);
  const listed: V1Attendee[] = (Array.isArray(raw.attendees) ? raw.attendees : [])
    .filter((a: Json) => a && a.resource !== true)
    .map((a: Json) => ({
      name: typeof a.displayName === 'string' ? a.displayName : '',
      email: typeof a.email === 'string' ? a.email : '',
      is_organizer: a.organizer === true || (org !== null && lower(a.email) === org),
      status: googleStatus(a.responseStatus),
    }));
  const attendees = withOrganizer(listed, organizerEmail, typeof raw.organizer?.displayName === 'string' ? raw.organizer.displayName : '');
  const isHostedByMe = raw.organizer?.self === true || (org !== null && org === me);
  const selfRow = (Array.isArray(raw.attendees) ? raw.attendees : []).find((a: Json) => a?.self === true || (me !== null && lower(a?.email) === me));
  return {
    title: typeof raw.summary === 'string' ? raw.summary : '',
    description: typeof raw.description === 'string' ? raw.description : '',
    organizerEmail,
    attendees,
    isHostedByMe,
    isRecurring: typeof raw.recurringEventId === 'string' && raw.recurringEventId !== '',
    isExternal: external(attendees, organizerEmail ?? me),
    isCancelled: raw.status === 'cancelled',
    acceptedBySelf: isHostedByMe || selfRow?.responseStatus === 'accepted',
    visibility: typeof raw.visibility === 'string' ? raw.visibility : 'default',
  };
}

function fromGraph(raw: Json, me: string | null): DerivedMeeting {
  const organizerEmail: string | null = typeof raw.organizer?.emailAddress?.address === 'string' ? raw.organizer.emailAddress.address : null;
  const org = lower(organizerEmail);
  const listed: V1Attendee[] = (Array.isArray(raw.attendees) ? raw.attendees : [])
    .filter((a: Json) => a && a.type !== 'resource')
    .map((a: Json) => ({
      name: typeof a.emailAddress?.name === 'string' ? a.emailAddress.name : '',
      email: typeof a.emailAddress?.address === 'string' ? a.emailAddress.address : '',
      is_organizer: org !== null && lower(a.emailAddress?.address) === org,
      status: graphStatus(a.status?.response),
    }));
  const attendees = withOrganizer(listed, organizerEmail, typeof raw.organizer?.emailAddress?.name === 'string' ? raw.organizer.emailAddress.name : '');
  const isHostedByMe = raw.isOrganizer === true || (org !== null && org === me);
  // The owner's own response; when Graph has none recorded, the owner's row among the attendees.
  const selfRow = listed.find((a) => me !== null && a.email.toLowerCase() === me);
  const own = raw.responseStatus?.response;
  const ownAccepted = own === 'accepted' || own === 'organizer' || ((own === undefined || own === 'none' || own === 'notResponded') && selfRow?.status === 'accepted');
  return {
    title: typeof raw.subject === 'string' ? raw.subject : '',
    description: typeof raw.body?.content === 'string' ? raw.body.content : '',
    organizerEmail,
    attendees,
    isHostedByMe,
    isRecurring: raw.type === 'occurrence' || raw.type === 'exception' || (typeof raw.seriesMasterId === 'string' && raw.seriesMasterId !== ''),
    isExternal: external(attendees, organizerEmail ?? me),
    isCancelled: raw.isCancelled === true,
    acceptedBySelf: isHostedByMe || ownAccepted,
    visibility: typeof raw.sensitivity === 'string' ? raw.sensitivity : 'normal',
  };
}

export function deriveMeeting(platform: 'google_calendar' | 'microsoft_outlook', raw: Json, connectionEmail: string | null): DerivedMeeting {
  const me = lower(connectionEmail);
  return platform === 'google_calendar' ? fromGoogle(raw ?? {}, me) : fromGraph(raw ?? {}, me);
}
