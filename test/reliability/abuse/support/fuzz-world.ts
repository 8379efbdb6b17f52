// The database the fuzzer attacks: a workspace holding one of every resource (calendar, events, bot, webhook
// endpoint and message, API keys, a V1 calendar user), a second workspace's ids for cross-workspace probes, no
// worker (so the database only changes through requests), rate limits off (the fuzzer is one client).
import { mintCalendarToken } from '../../../../src/calendar-v1/tokens.js';
import { findCalendarUser, upsertCalendarUser } from '../../../../src/db/calendar-users.js';
import { withTransaction } from '../../../../src/db/pool.js';
import { emitWebhookMessage } from '../../../../src/webhooks/emit.js';
import { createEndpoint } from '../../../../src/webhooks/endpoints.js';
import { createTestContext, createWorkspace, type TestContext } from '../../../helpers/context.js';
import { makeCalendar, makeEvent } from '../../../scheduling/fixtures.js';

export interface FuzzWorld {
  ctx: TestContext;
  auth: string;
  /** Ids of workspace A's resources (never the API key the fuzzer authenticates with). */
  ids: string[];
  /** Ids of workspace B's resources. */
  foreignIds: string[];
  /** A calendar token for A's V1 user, minted fresh (a fuzzed request may have rotated the secret). */
  calendarToken(): Promise<string>;
  /** Re-creates the V1 user if a fuzzed DELETE removed it; true when it wrote. */
  ensureCalendarUser(): Promise<boolean>;
  close(): Promise<void>;
}

async function seed(ctx: TestContext, workspaceId: string, auth: string): Promise<string[]> {
  const deps = ctx.deps;
  const calendarId = await makeCalendar(deps, workspaceId, `owner-${workspaceId.slice(0, 4)}@acme.test`);
  const eventId = await makeEvent(deps, workspaceId, calendarId, { start: new Date(Date.now() + 86_400_000) });
  const pastEventId = await makeEvent(deps, workspaceId, calendarId, { start: new Date(Date.now() - 86_400_000) });
  const bot = await ctx.app.inject({
    method: 'POST', url: '/api/v1/bot/', headers: { authorization: auth },
    payload: { meeting_url: 'https://us02web.zoom.us/j/84315220467?pwd=Xy12ab', join_at: new Date(Date.now() + 7_200_000).toISOString(), bot_name: 'Notes' },
  });
  if (bot.statusCode !== 201) throw new Error(`bot: ${bot.statusCode} ${bot.body}`);
  const { row: endpoint } = await createEndpoint(deps, workspaceId, { url: 'https://hooks.example.test/rollcall' });
  const messageId = await withTransaction(deps.pool, (tx) => emitWebhookMessage(tx, { workspaceId, event: 'calendar.update', data: { calendar_id: calendarId }, calendarId }));
  const scheduled = await ctx.app.inject({
    method: 'POST', url: `/api/v2/calendar-events/${eventId}/bot/`, headers: { authorization: auth },
    payload: { deduplication_key: 'fuzz', bot_config: { bot_name: 'Scheduled' } },
  });
  if (scheduled.statusCode !== 200) throw new Error(`schedule: ${scheduled.statusCode} ${scheduled.body}`);
  const spareKey = await createWorkspaceKey(ctx, auth);
  return [calendarId, eventId, pastEventId, bot.json().id, endpoint.id, messageId, spareKey];
}

async function createWorkspaceKey(ctx: TestContext, auth: string): Promise<string> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/v2/api-keys/', headers: { authorization: auth }, payload: { description: 'spare' } });
  return res.json().id;
}

export async function startFuzzWorld(): Promise<FuzzWorld> {
  const ctx = await createTestContext({ RATE_LIMIT_ENABLED: 'false', WEBHOOK_ALLOW_PRIVATE_URLS: 'false' });
  const a = await createWorkspace(ctx.deps, 'fuzz-a');
  const b = await createWorkspace(ctx.deps, 'fuzz-b');
  const ids = await seed(ctx, a.id, a.auth);
  const foreignIds = await seed(ctx, b.id, b.auth);
  let user = await upsertCalendarUser(ctx.deps.pool, a.id, 'fuzz-user');
  ids.push(user.id);
  return {
    ctx,
    auth: a.auth,
    ids,
    foreignIds,
    calendarToken: () => mintCalendarToken(ctx.deps, { workspaceId: a.id, calendarUserId: user.id }),
    async ensureCalendarUser() {
      if (await findCalendarUser(ctx.deps.pool, a.id, user.id)) return false;
      user = await upsertCalendarUser(ctx.deps.pool, a.id, 'fuzz-user');
      return true;
    },
    close: () => ctx.close(),
  };
}
