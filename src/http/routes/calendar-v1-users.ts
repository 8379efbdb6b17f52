// Calendar V1: token minting and user lookup (API key), the calendar user itself (calendar token), api-contract §3.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { reevaluateUser } from '../../calendar-v1/auto-record.js';
import { parsePlatform, parseUserId, parseUserPatch } from '../../calendar-v1/input.js';
import { mintCalendarToken } from '../../calendar-v1/tokens.js';
import { deleteUser, disconnectPlatform, renderUsers } from '../../calendar-v1/users.js';
import { findCalendarUser, listCalendarUsers, lockCalendarUser, updateCalendarUser, upsertCalendarUser, type CalendarUserRow } from '../../db/calendar-users.js';
import { withTransaction } from '../../db/pool.js';
import type { Deps } from '../../deps.js';
import { notFound, validationError } from '../../errors.js';
import { parseBool } from '../../calendar-v1/input.js';
import { cursorPage, pageSize, requestCursor } from '../pagination.js';
import { Nullable } from '../schemas.js';
import { authOf } from '../types.js';

const Connection = Type.Object({ connected: Type.Boolean(), platform: Type.String(), email: Nullable(Type.String()), id: Nullable(Type.String()) });
export const CalendarUser = Type.Object({
  id: Type.String(),
  external_id: Type.String(),
  connections: Type.Array(Connection),
  preferences: Type.Object({
    id: Type.String(),
    record_non_host: Type.Boolean(),
    record_recurring: Type.Boolean(),
    record_external: Type.Boolean(),
    record_internal: Type.Boolean(),
    record_confirmed: Type.Boolean(),
    record_only_host: Type.Boolean(),
    bot_name: Type.String(),
  }),
});
const UserUpdate = Type.Object({ external_id: Type.Optional(Type.Unknown()), preferences: Type.Optional(Type.Unknown()) });

export async function calendarV1UserRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const tags = ['Calendar V1'];
  const userLimit = { bucket: 'v1_calendar_user', limit: 120, per: 'calendar_user' as const };
  const userConfig = { auth: 'calendar' as const, rateLimit: userLimit };

  const current = async (workspaceId: string, userId: string): Promise<CalendarUserRow> => {
    const u = await findCalendarUser(deps.pool, workspaceId, userId);
    if (!u) throw notFound();
    return u;
  };
  const one = async (u: CalendarUserRow) => (await renderUsers(deps, [u]))[0];

  app.post('/api/v1/calendar/authenticate/', {
    config: { rateLimit: { bucket: 'v1_authenticate', limit: 300 } },
    schema: { tags, summary: 'Mint a calendar auth token for a user (created on first use)', body: Type.Object({ user_id: Type.Optional(Type.Unknown()) }), response: { 200: Type.Object({ token: Type.String() }) } },
  }, async (req) => {
    const workspaceId = authOf(req).workspaceId;
    const user = await upsertCalendarUser(deps.pool, workspaceId, parseUserId(req.body as Record<string, unknown>));
    return { token: await mintCalendarToken(deps, { workspaceId, calendarUserId: user.id }) };
  });

  app.get('/api/v1/calendar/users/', {
    config: { rateLimit: { bucket: 'v1_users_list', limit: 60 } },
    schema: { tags, summary: "List the workspace's calendar users", querystring: Type.Object({ email: Type.Optional(Type.String()), paginate: Type.Optional(Type.String()), cursor: Type.Optional(Type.String()), page_size: Type.Optional(Type.String()) }) },
  }, async (req) => {
    const q = req.query as Record<string, string | undefined>;
    const workspaceId = authOf(req).workspaceId;
    const paginate = q.paginate === undefined ? false : parseBool(q.paginate === '1' ? 'true' : q.paginate === '0' ? 'false' : q.paginate);
    if (paginate === undefined) throw validationError({ paginate: ['Must be a valid boolean.'] });
    if (!paginate) return renderUsers(deps, await listCalendarUsers(deps.pool, workspaceId, { email: q.email }));
    const cursor = requestCursor(q);
    const limit = pageSize(q);
    const rows = await listCalendarUsers(deps.pool, workspaceId, { email: q.email, cursor, limit: limit + 1 });
    const rendered = new Map((await renderUsers(deps, rows)).map((u) => [u.id, u]));
    return cursorPage(req, deps.config, rows, { limit, cursor, key: (r) => [r.created_at.toISOString(), r.id], render: (r) => rendered.get(r.id)! });
  });

  app.get('/api/v1/calendar/user/', {
    config: userConfig,
    schema: { tags, summary: 'Retrieve the calendar user of the token', response: { 200: CalendarUser } },
  }, async (req) => {
    const a = authOf(req);
    return one(await current(a.workspaceId, a.calendarUserId!));
  });

  const update = async (req: import('fastify').FastifyRequest) => {
    const a = authOf(req);
    const patch = parseUserPatch(req.body as Record<string, unknown>);
    const user = await withTransaction(deps.pool, async (tx) => {
      if (!(await lockCalendarUser(tx, a.workspaceId, a.calendarUserId!))) throw notFound();
      const fields = { ...patch.preferences, ...(patch.external_id !== undefined ? { external_id: patch.external_id } : {}) };
      const updated = await updateCalendarUser(tx, a.calendarUserId!, fields);
      if (updated === 'external_id_taken') throw validationError({ external_id: ['calendar user with this external id already exists.'] });
      // The next GET /meetings/ must show the new will_record: bots follow in the same transaction.
      if (Object.keys(patch.preferences).length) await reevaluateUser(deps, tx, a.calendarUserId!);
      return updated;
    });
    return one(user);
  };
  for (const method of ['PUT', 'PATCH'] as const) {
    app.route({
      method,
      url: '/api/v1/calendar/user/',
      config: userConfig,
      schema: { tags, summary: 'Update the external id and/or preferences (partial)', body: UserUpdate, response: { 200: CalendarUser } },
      handler: update,
    });
  }

  app.delete('/api/v1/calendar/user/', {
    config: userConfig,
    schema: { tags, summary: 'Delete the user, its connections, meetings and future bots' },
  }, async (req, reply) => {
    const a = authOf(req);
    await current(a.workspaceId, a.calendarUserId!);
    await deleteUser(deps, a.workspaceId, a.calendarUserId!);
    return reply.status(204).send();
  });

  app.post('/api/v1/calendar/user/disconnect/', {
    config: userConfig,
    schema: { tags, summary: 'Disconnect one platform (google or microsoft)', body: Type.Object({ platform: Type.Optional(Type.Unknown()) }), response: { 200: CalendarUser } },
  }, async (req) => {
    const a = authOf(req);
    const platform = parsePlatform((req.body as Record<string, unknown>).platform);
    await current(a.workspaceId, a.calendarUserId!);
    await disconnectPlatform(deps, a.workspaceId, a.calendarUserId!, platform);
    return one(await current(a.workspaceId, a.calendarUserId!));
  });
}
