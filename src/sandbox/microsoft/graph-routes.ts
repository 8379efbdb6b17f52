// Graph calendar endpoints (providers.md §4): /me, /me/calendar, calendarView, calendarView/delta, events,
// instances. Authentication and faults are handled by provider-hooks.ts before these run.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { originOf, type Ctx } from './context.js';
import { DEFAULT_PAGE_SIZE } from './delta.js';
import { sendGraphError } from './errors.js';
import { renderEvent, type ViewOpts } from './event-view.js';
import { parseId, splitKey } from './ids.js';
import { parsePrefer, type Preferences } from './prefer.js';
import { instanceAt, instancesBetween } from './recurrence.js';
import { CALENDAR_SCOPES, hasAnyScope, USER_SCOPES } from './scopes.js';
import { parseRangeParam } from './timezones.js';
import type { AccountData } from './types.js';
import { itemsInRange } from './view-items.js';

type Query = Record<string, string | undefined>;

function select(obj: Record<string, unknown>, sel: string | undefined): Record<string, unknown> {
  if (!sel) return obj;
  const keep = new Set(['@odata.etag', '@odata.type', 'id', ...sel.split(',').map((s) => s.trim())]);
  return Object.fromEntries(Object.entries(obj).filter(([k]) => keep.has(k)));
}

function applyPrefs(reply: FastifyReply, prefs: Preferences, extra: string[] = []): ViewOpts {
  const applied = [...extra, ...prefs.applied];
  if (applied.length) reply.header('preference-applied', applied.join(', '));
  return { zone: prefs.zone, zoneName: prefs.zoneName, flavour: prefs.flavour };
}

/** The caller's mailbox, after checking the token carries one of `scopes`; null once a reply was sent. */
function mailbox(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, scopes: string[]): AccountData | null {
  const acc = req.msToken ? ctx.store.account(req.msToken.email) : undefined;
  if (!acc) {
    void sendGraphError(reply, 404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
    return null;
  }
  if (!hasAnyScope(req.msToken!.scopes, scopes)) {
    const users = scopes === USER_SCOPES;
    void sendGraphError(reply, 403, users ? 'Authorization_RequestDenied' : 'ErrorAccessDenied', users ? 'Insufficient privileges to complete the operation.' : 'Access is denied. Check credentials and try again.');
    return null;
  }
  return acc;
}

function range(q: Query, reply: FastifyReply): { from: number; to: number } | null {
  const from = parseRangeParam(q.startDateTime ?? q.StartDateTime);
  const to = parseRangeParam(q.endDateTime ?? q.EndDateTime);
  if (from === null || to === null) {
    void sendGraphError(reply, 400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
    return null;
  }
  return { from, to };
}

/** $top/$skip paging with an absolute nextLink on the listener the client used. */
function paged(req: FastifyRequest, q: Query, prefs: Preferences, all: Record<string, unknown>[]): Record<string, unknown> {
  const top = Math.min(Number(q.$top ?? prefs.maxPageSize ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE, 1000);
  const skip = Math.max(0, Number(q.$skip ?? 0) || 0);
  const out: Record<string, unknown> = { '@odata.context': `${originOf(req)}/v1.0/$metadata#Collection(event)`, value: all.slice(skip, skip + top) };
  if (skip + top < all.length) {
    const url = new URL(req.url, originOf(req));
    url.searchParams.set('$top', String(top));
    url.searchParams.set('$skip', String(skip + top));
    out['@odata.nextLink'] = url.toString();
  }
  return out;
}

export function registerGraphRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.get('/v1.0/me', async (req, reply) => {
    const acc = mailbox(ctx, req, reply, USER_SCOPES);
    if (!acc) return reply;
    const [given, ...rest] = acc.rec.name.split(' ');
    return {
      '@odata.context': `${originOf(req)}/v1.0/$metadata#users/$entity`,
      businessPhones: [],
      displayName: acc.rec.name,
      givenName: given ?? null,
      surname: rest.join(' ') || null,
      jobTitle: null,
      mail: acc.rec.email,
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: 'en-US',
      userPrincipalName: acc.rec.email,
      id: acc.rec.id,
    };
  });

  const calendarResource = (acc: AccountData): Record<string, unknown> => ({
    id: `AAMkADAwATM0MDAAMS1hYzY2LTFmZjEtMDACLTAwCgBGAAAD${acc.rec.id.replace(/-/g, '')}`,
    name: 'Calendar',
    color: 'auto',
    isDefaultCalendar: true,
    changeKey: 'DxYSthXJXEWwAQSYQnXvIgAAIxGttg==',
    canShare: true,
    canViewPrivateItems: true,
    canEdit: true,
    allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness',
    isTallyingResponses: true,
    isRemovable: false,
    owner: { name: acc.rec.name, address: acc.rec.email },
  });

  app.get('/v1.0/me/calendar', async (req, reply) => {
    const acc = mailbox(ctx, req, reply, CALENDAR_SCOPES);
    if (!acc) return reply;
    return { '@odata.context': `${originOf(req)}/v1.0/$metadata#users('${acc.rec.id}')/calendar/$entity`, ...calendarResource(acc) };
  });

  app.get('/v1.0/me/calendars', async (req, reply) => {
    const acc = mailbox(ctx, req, reply, CALENDAR_SCOPES);
    if (!acc) return reply;
    return { '@odata.context': `${originOf(req)}/v1.0/$metadata#users('${acc.rec.id}')/calendars`, value: [calendarResource(acc)] };
  });

  const calendarView = async (req: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    const acc = mailbox(ctx, req, reply, CALENDAR_SCOPES);
    if (!acc) return reply;
    const r = range(req.query, reply);
    if (!r) return reply;
    const prefs = parsePrefer(req.headers.prefer);
    const view = applyPrefs(reply, prefs);
    const all = itemsInRange(acc, r.from, r.to).map((i) => select(renderEvent(acc.rec, i.ev, i.inst, view), req.query.$select));
    return paged(req, req.query, prefs, all);
  };
  app.get('/v1.0/me/calendarView', calendarView);
  app.get('/v1.0/me/calendar/calendarView', calendarView);

  const delta = async (req: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    const acc = mailbox(ctx, req, reply, CALENDAR_SCOPES);
    if (!acc) return reply;
    const q = req.query;
    const prefs = parsePrefer(req.headers.prefer);
    const view: ViewOpts = { zone: prefs.zone, zoneName: prefs.zoneName, flavour: prefs.flavour };
    let result;
    if (q.$skiptoken) result = ctx.delta.next(acc, q.$skiptoken, prefs.maxPageSize, view);
    else if (q.$deltatoken) result = ctx.delta.resume(acc, q.$deltatoken, prefs.maxPageSize, view);
    else {
      const r = range(q, reply);
      if (!r) return reply;
      result = ctx.delta.begin(acc, r.from, r.to, prefs.maxPageSize, view);
    }
    if (!result.ok) return sendGraphError(reply, result.status, result.code, result.message);
    applyPrefs(reply, prefs, result.initial ? ['odata.track-changes'] : []);
    const base = `${originOf(req)}/v1.0/me/calendarView/delta`;
    const body: Record<string, unknown> = { '@odata.context': `${originOf(req)}/v1.0/$metadata#Collection(event)` };
    if (result.nextToken) body['@odata.nextLink'] = `${base}?$skiptoken=${result.nextToken}`;
    if (result.deltaToken) body['@odata.deltaLink'] = `${base}?$deltatoken=${result.deltaToken}`;
    body.value = result.value;
    return body;
  };
  app.get('/v1.0/me/calendarView/delta', delta);
  app.get('/v1.0/me/calendar/calendarView/delta', delta);

  app.get<{ Querystring: Query }>('/v1.0/me/events', async (req, reply) => {
    const acc = mailbox(ctx, req, reply, CALENDAR_SCOPES);
    if (!acc) return reply;
    const prefs = parsePrefer(req.headers.prefer);
    const view = applyPrefs(reply, prefs);
    const all = [...acc.events.values()].sort((a, b) => a.createdAt - b.createdAt).map((ev) => select(renderEvent(acc.rec, ev, null, view), req.query.$select));
    return paged(req, req.query, prefs, all);
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/v1.0/me/events/:id', async (req, reply) => {
    const acc = mailbox(ctx, req, reply, CALENDAR_SCOPES);
    if (!acc) return reply;
    const key = parseId(req.params.id);
    if (!key) return sendGraphError(reply, 400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
    const { core, stamp } = splitKey(key);
    const ev = acc.events.get(core);
    const inst = ev && stamp ? (ev.recurrence ? instanceAt(ev, stamp) : null) : null;
    if (!ev || (stamp && (!inst || inst.exception?.cancelled))) return sendGraphError(reply, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    const view = applyPrefs(reply, parsePrefer(req.headers.prefer));
    const body = renderEvent(acc.rec, ev, inst, view);
    return { '@odata.context': `${originOf(req)}/v1.0/$metadata#users('${acc.rec.id}')/events/$entity`, ...select(body, req.query.$select) };
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/v1.0/me/events/:id/instances', async (req, reply) => {
    const acc = mailbox(ctx, req, reply, CALENDAR_SCOPES);
    if (!acc) return reply;
    const key = parseId(req.params.id);
    if (!key) return sendGraphError(reply, 400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
    const ev = acc.events.get(key);
    if (!ev) return sendGraphError(reply, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    const r = range(req.query, reply);
    if (!r) return reply;
    const prefs = parsePrefer(req.headers.prefer);
    const view = applyPrefs(reply, prefs);
    const all = ev.recurrence ? instancesBetween(ev, r.from, r.to).map((i) => select(renderEvent(acc.rec, ev, i, view), req.query.$select)) : [];
    return paged(req, req.query, prefs, all);
  });
}
