// V2 calendar events: list (keyset pages over indexed orderings) and retrieve (api-contract §4.6–4.7). The
// scheduling routes under /bot/ belong to the scheduling module.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { botViews } from '../../calendars/event-bots-bridge.js';
import { renderEvent } from '../../calendars/serialize.js';
import { getEvent, listEvents, type CalendarEventRow, type EventOrdering } from '../../db/calendar-events.js';
import type { Deps } from '../../deps.js';
import { notFound, validationError, type FieldErrors } from '../../errors.js';
import { parseQueryDate } from '../format.js';
import { cursorPage, pageSize, requestCursor } from '../pagination.js';
import { CursorPageOf, IdParams, QueryDate, Uuid } from '../schemas.js';
import { authOf } from '../types.js';

const Event = Type.Object({}, { additionalProperties: true, description: 'CalendarEvent (api-contract §4.6)' });
const ORDERINGS = ['start_time', '-start_time', 'updated_at', '-updated_at', 'created_at', '-created_at'] as const;

const ListQuery = Type.Object({
  calendar_id: Type.Optional(Uuid),
  cursor: Type.Optional(Type.String()),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  ical_uid: Type.Optional(Type.String({ maxLength: 2000 })),
  is_deleted: Type.Optional(Type.String({ maxLength: 10 })),
  start_time: Type.Optional(QueryDate),
  start_time__gte: Type.Optional(QueryDate),
  start_time__lte: Type.Optional(QueryDate),
  updated_at__gte: Type.Optional(QueryDate),
  ordering: Type.Optional(Type.Union(ORDERINGS.map((o) => Type.Literal(o)))),
});

function parseBool(v: string): boolean | null {
  const s = v.trim().toLowerCase();
  return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : null;
}

async function renderPage(deps: Deps, rows: CalendarEventRow[]) {
  const views = await botViews(deps.pool, rows);
  return (row: CalendarEventRow) => renderEvent(row, views.get(row.id));
}

export async function calendarEventRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const tags = ['Calendar V2'];

  app.get('/api/v2/calendar-events/', {
    config: { rateLimit: { bucket: 'v2_events_list', limit: 60 } },
    schema: { tags, summary: 'List calendar events', querystring: ListQuery, response: { 200: CursorPageOf(Event) } },
  }, async (req) => {
    const q = req.query as Record<string, string | undefined>;
    const errors: FieldErrors = {};
    const date = (name: string): Date | undefined => {
      const raw = q[name];
      if (raw === undefined) return undefined;
      const d = parseQueryDate(raw);
      if (!d) errors[name] = ['Enter a valid date/time.'];
      return d ?? undefined;
    };
    const startTime = date('start_time');
    const startTimeGte = date('start_time__gte');
    const startTimeLte = date('start_time__lte');
    const updatedAtGte = date('updated_at__gte');
    let isDeleted: boolean | undefined;
    if (q.is_deleted !== undefined) {
      isDeleted = parseBool(q.is_deleted) ?? undefined;
      if (isDeleted === undefined) errors.is_deleted = ['Must be a valid boolean.'];
    }
    if (Object.keys(errors).length) throw validationError(errors);
    const ordering = q.ordering ?? 'start_time';
    const cursor = requestCursor(q);
    const limit = pageSize(q);
    const column = ordering.replace(/^-/, '') as EventOrdering;
    const rows = await listEvents(deps.pool, authOf(req).workspaceId, {
      calendarId: q.calendar_id?.toLowerCase(),
      icalUidPrefix: q.ical_uid,
      isDeleted,
      startTime,
      startTimeGte,
      startTimeLte,
      updatedAtGte,
      ordering: column,
      descending: ordering.startsWith('-'),
    }, cursor, limit + 1);
    const pageRows = rows.slice(0, limit);
    const render = await renderPage(deps, pageRows);
    return cursorPage(req, deps.config, rows, { limit, cursor, key: (r) => [r[column].toISOString(), r.id], render });
  });

  app.get('/api/v2/calendar-events/:id/', {
    config: { rateLimit: { bucket: 'v2_event_retrieve', limit: 300 } },
    schema: { tags, summary: 'Retrieve a calendar event', params: IdParams, response: { 200: Event } },
  }, async (req) => {
    const row = await getEvent(deps.pool, authOf(req).workspaceId, (req.params as { id: string }).id.toLowerCase());
    if (!row) throw notFound();
    return (await renderPage(deps, [row]))(row);
  });
}
