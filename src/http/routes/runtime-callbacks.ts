// Status changes coming back from bot runtimes: the `http` runtime's signed callbacks and Recall.ai's bot status
// webhooks. Both are signed in the Standard Webhooks scheme with the workspace's runtime secret, so the raw body
// is kept for verification (this scope parses JSON itself).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findBotByRuntimeRef, getBotById, type BotRow } from '../../db/bots.js';
import type { Deps } from '../../deps.js';
import { ApiError, notFound, validationError } from '../../errors.js';
import { HTTP_CALLBACK_PATH, RECALL_CALLBACK_PATH } from '../../runtimes/registry.js';
import { workspaceRuntimeSettings } from '../../runtimes/settings.js';
import { verifySignedRequest } from '../../runtimes/signature.js';
import { BOT_STATUSES, recordBotStatus } from '../../scheduling/bot-status.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type WithRaw = FastifyRequest & { rawBody?: string };

interface ParsedStatus {
  code: string;
  subCode: string | null;
  message: string | null;
  at: Date | undefined;
}

function statusOf(code: unknown, subCode: unknown, message: unknown, at: unknown): ParsedStatus {
  if (typeof code !== 'string' || !(BOT_STATUSES as readonly string[]).includes(code)) throw validationError({ code: [`"${String(code)}" is not a valid choice.`] });
  const d = typeof at === 'string' ? new Date(at) : undefined;
  return {
    code,
    subCode: typeof subCode === 'string' ? subCode : null,
    message: typeof message === 'string' ? message : null,
    at: d && !Number.isNaN(d.getTime()) ? d : undefined,
  };
}

export async function runtimeCallbackRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    (req as WithRaw).rawBody = body as string;
    try {
      done(null, body ? JSON.parse(body as string) : {});
    } catch {
      done(validationError({ non_field_errors: ['JSON parse error'] }), undefined);
    }
  });
  const tags = ['Bot runtimes (rollcall)'];

  async function verified(req: WithRaw, bot: BotRow | null, secretOf: (s: Awaited<ReturnType<typeof workspaceRuntimeSettings>>) => string | null): Promise<BotRow> {
    if (!bot) throw notFound();
    const secret = secretOf(await workspaceRuntimeSettings(deps, deps.pool, bot.workspace_id));
    if (!secret || !verifySignedRequest(secret, req.headers, req.rawBody ?? '')) throw new ApiError('invalid_runtime_signature');
    return bot;
  }

  app.post(HTTP_CALLBACK_PATH, {
    config: { auth: 'none' },
    schema: { tags, summary: 'Status callback of the http runtime: {bot_id, code, sub_code, message, updated_at}, signed' },
  }, async (req, reply) => {
    const body = req.body as Record<string, unknown>;
    const botId = typeof body.bot_id === 'string' && UUID_RE.test(body.bot_id) ? body.bot_id.toLowerCase() : null;
    const bot = await verified(req, botId ? await getBotById(deps.pool, botId) : null, (s) => s.http.secret);
    const s = statusOf(body.code, body.sub_code, body.message, body.updated_at);
    await recordBotStatus(deps.pool, bot.id, s);
    return reply.status(204).send();
  });

  app.post(RECALL_CALLBACK_PATH, {
    config: { auth: 'none' },
    schema: { tags, summary: "Recall.ai bot status webhooks (current and legacy bot.status_change formats), signed with the workspace's Recall webhook secret" },
  }, async (req, reply) => {
    const body = req.body as { event?: string; data?: Record<string, any> };
    const data = body.data ?? {};
    const recallId: unknown = data.bot?.id ?? data.bot_id;
    const ours: unknown = data.bot?.metadata?.rollcall_bot_id;
    let bot = typeof recallId === 'string' ? await findBotByRuntimeRef(deps.pool, 'recall', recallId) : null;
    // A webhook can overtake the recording of the launch: fall back to the id we put in the metadata.
    if (!bot && typeof ours === 'string' && UUID_RE.test(ours)) bot = await getBotById(deps.pool, ours.toLowerCase());
    await verified(req, bot, (s) => s.recall.webhookSecret);
    const st = body.event === 'bot.status_change' ? data.status ?? {} : data.data ?? {};
    const s = statusOf(st.code, st.sub_code, st.message, st.updated_at ?? st.created_at);
    await recordBotStatus(deps.pool, bot!.id, s);
    return reply.status(204).send();
  });
}
