// V2 calendars (api-contract §4.2–4.5) and the legacy calendar-accounts paths.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AccessTokenFailure, calendarAccessToken, createCalendar, deleteCalendar, patchCalendar, type CalendarInput } from '../../calendars/service.js';
import { renderCalendar } from '../../calendars/serialize.js';
import { getCalendar, listCalendars } from '../../db/calendars.js';
import type { Deps } from '../../deps.js';
import { notFound, validationError } from '../../errors.js';
import { parseQueryDate, restDate } from '../format.js';
import { cursorPage, pageSize, requestCursor } from '../pagination.js';
import { CursorPageOf, IdParams, QueryDate } from '../schemas.js';
import { authOf } from '../types.js';

const Platform = Type.Union([Type.Literal('google_calendar'), Type.Literal('microsoft_outlook')]);
const Status = Type.Union([Type.Literal('connecting'), Type.Literal('connected'), Type.Literal('disconnected')]);
const Long = Type.String({ maxLength: 2000 });
const Required = Type.String({ minLength: 1, maxLength: 2000 });
const WebhookUrl = Type.Union([Type.String({ maxLength: 2000, pattern: '^https?://[^\\s]+$' }), Type.Null()]);

const CreateBody = Type.Object({
  platform: Platform,
  oauth_client_id: Required,
  oauth_client_secret: Required,
  oauth_refresh_token: Required,
  oauth_email: Type.Optional(Type.Union([Long, Type.Null()])),
  webhook_url: Type.Optional(WebhookUrl),
});
const PatchBody = Type.Object({
  platform: Type.Optional(Platform),
  oauth_client_id: Type.Optional(Required),
  oauth_client_secret: Type.Optional(Required),
  oauth_refresh_token: Type.Optional(Required),
  oauth_email: Type.Optional(Type.Union([Long, Type.Null()])),
  webhook_url: Type.Optional(WebhookUrl),
});

const Calendar = Type.Object({}, { additionalProperties: true, description: 'Calendar (api-contract §4.3) plus sync-health fields' });

const ListQuery = Type.Object({
  cursor: Type.Optional(Type.String()),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  created_at__gte: Type.Optional(QueryDate),
  email: Type.Optional(Type.String({ maxLength: 2000 })),
  platform_email: Type.Optional(Type.String({ maxLength: 2000 })),
  platform: Type.Optional(Platform),
  status: Type.Optional(Status),
  ordering: Type.Optional(Type.Union([Type.Literal('created_at'), Type.Literal('-created_at')])),
});

function sendTokenFailure(reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof AccessTokenFailure) return reply.status(400).send({ code: err.code, message: err.message });
  throw err;
}

export async function calendarRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const tags = ['Calendar V2'];
  const listLimit = { bucket: 'v2_calendars_list', limit: 60 };
  const rateLimit = { bucket: 'v2_calendars', limit: 300 };
  const load = async (workspaceId: string, id: string) => {
    const row = await getCalendar(deps.pool, workspaceId, id.toLowerCase(), { v2Only: true });
    if (!row) throw notFound();
    return row;
  };

  app.get('/api/v2/calendars/', {
    config: { rateLimit: listLimit },
    schema: { tags, summary: 'List calendars', querystring: ListQuery, response: { 200: CursorPageOf(Calendar) } },
  }, async (req) => {
    const q = req.query as Record<string, string | undefined>;
    let createdAtGte: Date | undefined;
    if (q.created_at__gte !== undefined) {
      createdAtGte = parseQueryDate(q.created_at__gte) ?? undefined;
      if (!createdAtGte) throw validationError({ created_at__gte: ['Enter a valid date/time.'] });
    }
    const cursor = requestCursor(q);
    const limit = pageSize(q);
    const rows = await listCalendars(deps.pool, authOf(req).workspaceId, {
      platform: q.platform, status: q.status, email: q.email ?? q.platform_email, createdAtGte, descending: q.ordering === '-created_at',
    }, cursor, limit + 1);
    return cursorPage(req, deps.config, rows, { limit, cursor, key: (r) => [r.created_at.toISOString(), r.id], render: (r) => renderCalendar(deps, r) });
  });

  app.post('/api/v2/calendars/', {
    config: { rateLimit },
    schema: { tags, summary: 'Create a calendar (connects asynchronously)', body: CreateBody, response: { 201: Calendar } },
  }, async (req, reply) => {
    const body = req.body as Required<Pick<CalendarInput, 'platform' | 'oauth_client_id' | 'oauth_client_secret' | 'oauth_refresh_token'>> & CalendarInput;
    const row = await createCalendar(deps, authOf(req).workspaceId, body);
    return reply.status(201).send(renderCalendar(deps, row));
  });

  app.get('/api/v2/calendars/:id/', {
    config: { rateLimit },
    schema: { tags, summary: 'Retrieve a calendar', params: IdParams, response: { 200: Calendar } },
  }, async (req) => renderCalendar(deps, await load(authOf(req).workspaceId, (req.params as { id: string }).id)));

  const update = async (req: import('fastify').FastifyRequest) => {
    const { workspaceId } = authOf(req);
    const id = (req.params as { id: string }).id.toLowerCase();
    const body = req.body as CalendarInput;
    const current = await load(workspaceId, id);
    if (body.platform !== undefined && body.platform !== current.platform) throw validationError({ platform: ['The platform of a calendar cannot be changed.'] });
    const row = await patchCalendar(deps, workspaceId, id, body, { v2Only: true });
    if (!row) throw notFound();
    return renderCalendar(deps, row);
  };
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route({
      method,
      url: '/api/v2/calendars/:id/',
      config: { rateLimit },
      schema: { tags, summary: 'Update a calendar (partial; new credentials reconnect it)', params: IdParams, body: PatchBody, response: { 200: Calendar } },
      handler: update,
    });
  }

  app.delete('/api/v2/calendars/:id/', {
    config: { rateLimit },
    schema: { tags, summary: 'Delete a calendar', params: IdParams },
  }, async (req, reply) => {
    if (!(await deleteCalendar(deps, authOf(req).workspaceId, (req.params as { id: string }).id.toLowerCase(), { v2Only: true }))) throw notFound();
    return reply.status(204).send();
  });

  app.post('/api/v2/calendars/:id/access-token/', {
    config: { rateLimit },
    schema: { tags, summary: 'A provider access token with at least 5 minutes left', params: IdParams },
  }, async (req, reply) => {
    const cal = await load(authOf(req).workspaceId, (req.params as { id: string }).id);
    try {
      const t = await calendarAccessToken(deps, cal, deps.log.child({ calendar_id: cal.id }));
      return { token: t.token, expires_at: restDate(t.expiresAt) };
    } catch (err) {
      return sendTokenFailure(reply, err);
    }
  });

  app.get('/api/v2/calendar-accounts/:id/', {
    config: { rateLimit },
    schema: { tags, summary: 'Legacy: the calendar as an account', params: IdParams },
  }, async (req) => {
    const cal = await load(authOf(req).workspaceId, (req.params as { id: string }).id);
    return { id: cal.id, platform: cal.platform, email: cal.platform_email };
  });

  app.get('/api/v2/calendar-accounts/:id/access_token/', {
    config: { rateLimit },
    schema: { tags, summary: 'Legacy: a provider access token', params: IdParams },
  }, async (req, reply) => {
    const cal = await load(authOf(req).workspaceId, (req.params as { id: string }).id);
    try {
      return { access_token: (await calendarAccessToken(deps, cal, deps.log.child({ calendar_id: cal.id }))).token };
    } catch (err) {
      return sendTokenFailure(reply, err);
    }
  });
}
