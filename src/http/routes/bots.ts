// The Bot API (api-contract §5): create, list, retrieve, update and delete bots, and leave_call.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { calendarMeetingsForBots } from '../../calendar-v1/bot-meetings.js';
import { parseMeetingUrl } from '../../calendars/meeting-url/index.js';
import { listBots, statusChangesOf, type BotListFilter, type BotRow } from '../../db/bots.js';
import type { Deps } from '../../deps.js';
import { ApiError, validationError, type FieldErrors } from '../../errors.js';
import { createBot, deleteBot, findBot, updateBot, UpdateBotFailed } from '../../scheduling/bots.js';
import { createRuntimeRegistry } from '../../scheduling/dispatch/service.js';
import { renderBot } from '../../scheduling/render-bot.js';
import { parseQueryDate } from '../format.js';
import { numberedPage } from '../pagination.js';
import { IdParams, QueryDate } from '../schemas.js';
import { authOf } from '../types.js';

const PER_PAGE = 50;
const Bot = Type.Object({}, { additionalProperties: true, description: 'Bot (api-contract §5.2)' });
const BotBody = Type.Object({}, { additionalProperties: true, description: 'Create Bot fields: meeting_url, join_at, bot_name, metadata and any other Create Bot option' });
const Strings = Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 });
const ListQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1 })),
    join_at_after: Type.Optional(QueryDate),
    join_at_before: Type.Optional(QueryDate),
    meeting_url: Type.Optional(Type.String({ maxLength: 2000 })),
    platform: Type.Optional(Strings),
    status: Type.Optional(Strings),
  },
  { additionalProperties: true },
);

async function renderMany(deps: Deps, rows: BotRow[]) {
  const changes = await statusChangesOf(deps.pool, rows.map((r) => r.id));
  const meetings = await calendarMeetingsForBots(deps.pool, rows.map((r) => r.id));
  return rows.map((r) => renderBot(r, changes.get(r.id) ?? [], meetings.get(r.id) ?? []));
}

function listFilter(q: Record<string, unknown>): BotListFilter {
  const errors: FieldErrors = {};
  const f: BotListFilter = {};
  for (const name of ['join_at_after', 'join_at_before'] as const) {
    if (typeof q[name] !== 'string') continue;
    const d = parseQueryDate(q[name]);
    if (!d) errors[name] = ['Enter a valid date/time.'];
    else if (name === 'join_at_after') f.joinAtAfter = d;
    else f.joinAtBefore = d;
  }
  if (typeof q.meeting_url === 'string' && q.meeting_url) f.meetingUrl = parseMeetingUrl(q.meeting_url)?.url ?? q.meeting_url;
  if (Array.isArray(q.platform)) f.platforms = q.platform as string[];
  if (Array.isArray(q.status)) f.statuses = q.status as string[];
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (k.startsWith('metadata__') && typeof v === 'string') metadata[k.slice('metadata__'.length)] = v;
  if (Object.keys(metadata).length) f.metadata = metadata;
  if (Object.keys(errors).length) throw validationError(errors);
  return f;
}

export async function botRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const tags = ['Bot'];
  const runtimes = createRuntimeRegistry(deps);
  const create = { bucket: 'bot_create', limit: 60 };
  const rest = { bucket: 'bot_retrieve', limit: 300 };

  app.post('/api/v1/bot/', {
    config: { rateLimit: create },
    schema: { tags, summary: 'Create a bot', body: BotBody, response: { 201: Bot } },
  }, async (req, reply) => {
    const bot = await createBot(deps, runtimes, authOf(req).workspaceId, req.body as Record<string, unknown>);
    return reply.status(201).send((await renderMany(deps, [bot]))[0]);
  });

  app.get('/api/v1/bot/', {
    config: { rateLimit: rest },
    schema: { tags, summary: 'List bots (50 per page)', querystring: ListQuery },
  }, async (req) => {
    const q = req.query as Record<string, unknown>;
    const page = typeof q.page === 'number' ? q.page : 1;
    const { rows, count } = await listBots(deps.pool, authOf(req).workspaceId, listFilter(q), (page - 1) * PER_PAGE, PER_PAGE);
    return numberedPage(req, deps.config, page, PER_PAGE, count, await renderMany(deps, rows));
  });

  app.get('/api/v1/bot/:id/', {
    config: { rateLimit: rest },
    schema: { tags, summary: 'Retrieve a bot', params: IdParams, response: { 200: Bot } },
  }, async (req) => {
    const bot = await findBot(deps, authOf(req).workspaceId, (req.params as { id: string }).id.toLowerCase());
    return (await renderMany(deps, [bot]))[0];
  });

  const update = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    try {
      const bot = await updateBot(deps, runtimes, authOf(req).workspaceId, (req.params as { id: string }).id.toLowerCase(), req.body as Record<string, unknown>);
      return (await renderMany(deps, [bot]))[0];
    } catch (err) {
      // Recall's own shape for timing failures (§2.7, §5.4).
      if (err instanceof UpdateBotFailed) return reply.status(400).send({ code: 'update_bot_failed', message: err.message });
      throw err;
    }
  };
  const updateSchema = { tags, summary: 'Update a scheduled bot (before dispatch)', params: IdParams, body: BotBody };
  app.patch('/api/v1/bot/:id/', { config: { rateLimit: rest }, schema: updateSchema }, update);
  app.put('/api/v1/bot/:id/', { config: { rateLimit: rest }, schema: { ...updateSchema, summary: 'Same as PATCH' } }, update);

  app.delete('/api/v1/bot/:id/', {
    config: { rateLimit: rest },
    schema: { tags, summary: 'Delete a scheduled bot (before dispatch)', params: IdParams },
  }, async (req, reply) => {
    await deleteBot(deps, authOf(req).workspaceId, (req.params as { id: string }).id.toLowerCase());
    return reply.status(204).send();
  });

  app.post('/api/v1/bot/:id/leave_call/', {
    config: { rateLimit: rest },
    schema: { tags, summary: 'Ask the bot to leave its call (forwarded to the runtime)', params: IdParams, response: { 200: Bot } },
  }, async (req) => {
    const workspaceId = authOf(req).workspaceId;
    const bot = await findBot(deps, workspaceId, (req.params as { id: string }).id.toLowerCase());
    const inCall = ['joining_call', 'in_waiting_room', 'in_call_not_recording', 'recording_permission_allowed', 'recording_permission_denied', 'in_call_recording'];
    if (bot.phase !== 'dispatched' || !inCall.includes(bot.status)) throw new ApiError('bot_not_in_call');
    const runtime = await runtimes.forWorkspace(workspaceId);
    await runtime.cancel({ botId: bot.id, runtimeRef: bot.runtime_ref });
    return (await renderMany(deps, [await findBot(deps, workspaceId, bot.id)]))[0];
  });
}
