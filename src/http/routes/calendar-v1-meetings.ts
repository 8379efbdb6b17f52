// Calendar V1 meetings (calendar token): list, retrieve, per-meeting override, refresh (api-contract §3.4–3.5).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { reevaluateMeeting } from '../../calendar-v1/auto-record.js';
import { parseOverride } from '../../calendar-v1/input.js';
import { evaluateMeeting, renderMeeting } from '../../calendar-v1/meeting-view.js';
import { refreshUserCalendars } from '../../calendar-v1/refresh.js';
import { findCalendarUser, type CalendarUserRow } from '../../db/calendar-users.js';
import { findMeeting, listMeetings, setOverride } from '../../db/calendar-meetings.js';
import { withTransaction } from '../../db/pool.js';
import type { Deps } from '../../deps.js';
import { notFound, validationError, type FieldErrors } from '../../errors.js';
import { parseQueryDate } from '../format.js';
import { Nullable } from '../schemas.js';
import { authOf } from '../types.js';

const Invite = Nullable(Type.Object({}, { additionalProperties: true }));
const Meeting = Type.Object({
  id: Type.String(),
  override_should_record: Nullable(Type.Boolean()),
  title: Type.String(),
  description: Type.String(),
  will_record: Type.Boolean(),
  will_record_reason: Type.String(),
  start_time: Type.String(),
  end_time: Type.String(),
  platform: Nullable(Type.String()),
  meeting_platform: Nullable(Type.String()),
  platform_id: Type.String(),
  calendar_platform: Type.String(),
  zoom_invite: Invite,
  teams_invite: Invite,
  meet_invite: Invite,
  webex_invite: Invite,
  bot_id: Nullable(Type.String()),
  is_external: Type.Boolean(),
  is_hosted_by_me: Type.Boolean(),
  is_recurring: Type.Boolean(),
  organizer_email: Nullable(Type.String()),
  attendee_emails: Type.Array(Type.String()),
  attendees: Type.Array(Type.Object({ name: Type.String(), email: Type.String(), is_organizer: Type.Boolean(), status: Type.String() })),
  ical_uid: Nullable(Type.String()),
  visibility: Type.String(),
});
const MeetingParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' }) });
const ListQuery = Type.Object({ ical_uid: Type.Optional(Type.String()), start_time_after: Type.Optional(Type.String()), start_time_before: Type.Optional(Type.String()) });

export async function calendarV1MeetingRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const tags = ['Calendar V1'];
  const config = { auth: 'calendar' as const, rateLimit: { bucket: 'v1_calendar_user', limit: 120, per: 'calendar_user' as const } };

  const userOf = async (req: FastifyRequest): Promise<CalendarUserRow> => {
    const a = authOf(req);
    const u = await findCalendarUser(deps.pool, a.workspaceId, a.calendarUserId!);
    if (!u) throw notFound();
    return u;
  };

  const list = async (user: CalendarUserRow, q: Record<string, string | undefined>) => {
    const errors: FieldErrors = {};
    const date = (k: 'start_time_after' | 'start_time_before') => {
      if (q[k] === undefined || q[k] === '') return undefined;
      const d = parseQueryDate(q[k]!);
      if (!d) errors[k] = ['Enter a valid date/time.'];
      return d ?? undefined;
    };
    const startAfter = date('start_time_after');
    const startBefore = date('start_time_before');
    if (Object.keys(errors).length) throw validationError(errors);
    const rows = await listMeetings(deps.pool, user.id, {
      icalUidPrefix: q.ical_uid || undefined,
      startAfter,
      startBefore,
      windowPastDays: deps.config.SYNC_WINDOW_PAST_DAYS,
      windowFutureDays: deps.config.SYNC_WINDOW_FUTURE_DAYS,
    });
    const now = Date.now();
    return rows.map((r) => renderMeeting(evaluateMeeting(r, user, now)));
  };

  app.get('/api/v1/calendar/meetings/', {
    config,
    schema: { tags, summary: "The user's meetings across both connections (a bare array)", querystring: ListQuery, response: { 200: Type.Array(Meeting) } },
  }, async (req) => list(await userOf(req), req.query as Record<string, string | undefined>));

  app.post('/api/v1/calendar/meetings/refresh/', {
    config,
    schema: { tags, summary: 'Sync all connections now (waits up to 10 s) and list the meetings', response: { 200: Type.Array(Meeting) } },
  }, async (req) => {
    const user = await userOf(req);
    await refreshUserCalendars(deps, user.id);
    return list(user, {});
  });

  app.get('/api/v1/calendar/meetings/:id/', {
    config,
    schema: { tags, summary: 'Retrieve a meeting', params: MeetingParams, response: { 200: Meeting } },
  }, async (req) => {
    const user = await userOf(req);
    const row = await findMeeting(deps.pool, user.id, (req.params as { id: string }).id.toLowerCase());
    if (!row) throw notFound();
    return renderMeeting(evaluateMeeting(row, user));
  });

  const update = async (req: FastifyRequest) => {
    const user = await userOf(req);
    const id = (req.params as { id: string }).id.toLowerCase();
    const override = parseOverride(req.body as Record<string, unknown>);
    const row = await withTransaction(deps.pool, async (tx) => {
      const before = await findMeeting(tx, user.id, id);
      if (!before) throw notFound();
      if (override === undefined) return before;
      await setOverride(tx, id, user.id, override);
      await reevaluateMeeting(deps, tx, { ...before, override_should_record: override });
      return (await findMeeting(tx, user.id, id))!;
    });
    return renderMeeting(evaluateMeeting(row, user));
  };
  for (const method of ['PUT', 'PATCH'] as const) {
    app.route({
      method,
      url: '/api/v1/calendar/meetings/:id/',
      config,
      schema: { tags, summary: 'Set override_should_record (true, false or null)', params: MeetingParams, body: Type.Object({ override_should_record: Type.Optional(Type.Unknown()) }), response: { 200: Meeting } },
      handler: update,
    });
  }
}
