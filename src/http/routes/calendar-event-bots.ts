// Scheduling bots on V2 calendar events (api-contract §4.8): POST adds or re-configures the event's bot under a
// deduplication key, DELETE removes it (idempotent). Both answer the updated CalendarEvent.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { botViews } from '../../calendars/event-bots-bridge.js';
import { renderEvent } from '../../calendars/serialize.js';
import { getEvent } from '../../db/calendar-events.js';
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { createRuntimeRegistry } from '../../scheduling/dispatch/service.js';
import { scheduleEventBot, unscheduleEventBot } from '../../scheduling/event-scheduling.js';
import { IdParams } from '../schemas.js';
import { authOf } from '../types.js';

const Event = Type.Object({}, { additionalProperties: true, description: 'CalendarEvent (api-contract §4.6)' });
const ScheduleBody = Type.Object({
  deduplication_key: Type.String({ minLength: 1, maxLength: 2000 }),
  bot_config: Type.Object({}, { additionalProperties: true }),
});

async function renderCurrent(deps: Deps, workspaceId: string, id: string) {
  const row = await getEvent(deps.pool, workspaceId, id);
  if (!row) throw notFound();
  const views = await botViews(deps.pool, [row]);
  return renderEvent(row, views.get(row.id));
}

export async function calendarEventBotRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const tags = ['Calendar V2'];
  const rateLimit = { bucket: 'v2_event_bot', limit: 600 };
  const runtimes = createRuntimeRegistry(deps);

  app.post('/api/v2/calendar-events/:id/bot/', {
    config: { rateLimit },
    schema: { tags, summary: 'Schedule a bot for the event (deduplicated by key)', params: IdParams, body: ScheduleBody, response: { 200: Event } },
  }, async (req) => {
    const workspaceId = authOf(req).workspaceId;
    const id = (req.params as { id: string }).id.toLowerCase();
    await scheduleEventBot(deps, runtimes, workspaceId, id, req.body as { deduplication_key: string; bot_config: Record<string, unknown> });
    return renderCurrent(deps, workspaceId, id);
  });

  app.delete('/api/v2/calendar-events/:id/bot/', {
    config: { rateLimit },
    schema: { tags, summary: "Remove the event's scheduled bot (idempotent)", params: IdParams, response: { 200: Event } },
  }, async (req) => {
    const workspaceId = authOf(req).workspaceId;
    const id = (req.params as { id: string }).id.toLowerCase();
    await unscheduleEventBot(deps, workspaceId, id);
    return renderCurrent(deps, workspaceId, id);
  });
}
