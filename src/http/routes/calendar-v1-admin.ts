// rollcall administration of Calendar V1 (outside Recall's surface, api-contract §2.12): the workspace's OAuth
// clients for the hosted flow, its V1 settings (bot preset, deduplication, lead, allowlists) and the rotation of
// its calendar-token secret. Secrets are write-only.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { oauthClientFor, removeOAuthClient, setOAuthClient } from '../../calendar-v1/oauth-clients.js';
import { updateV1Settings, v1Settings } from '../../calendar-v1/settings.js';
import { rotateCalendarTokenSecret } from '../../calendar-v1/tokens.js';
import type { OAuthProvider } from '../../db/calendar-v1-secrets.js';
import type { Deps } from '../../deps.js';
import { notFound, validationError, type FieldErrors } from '../../errors.js';
import { Nullable } from '../schemas.js';
import { authOf } from '../types.js';

const ProviderParams = Type.Object({ provider: Type.Union([Type.Literal('google'), Type.Literal('microsoft')]) });
const ClientView = Type.Object({ provider: Type.String(), client_id: Nullable(Type.String()), configured: Type.Boolean(), source: Nullable(Type.String()) });
const Settings = Type.Object({
  bot_preset: Type.Object({}, { additionalProperties: true }),
  deduplicate_bots: Type.Boolean(),
  deduplicate_across_platforms: Type.Boolean(),
  join_lead_seconds: Type.Integer(),
  redirect_allowlist: Type.Array(Type.String()),
  cors_origins: Type.Array(Type.String()),
});

export async function calendarV1AdminRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const tags = ['Calendar V1 administration (rollcall)'];
  const config = { rateLimit: { bucket: 'workspace_admin', limit: 60 } };

  const view = async (workspaceId: string, provider: OAuthProvider) => {
    const c = await oauthClientFor(deps, workspaceId, provider);
    return { provider, client_id: c?.clientId ?? null, configured: c !== null, source: c?.source ?? null };
  };

  app.get('/api/v2/workspace/oauth-clients/', {
    config,
    schema: { tags, summary: "The workspace's V1 OAuth clients (secrets are never returned)", response: { 200: Type.Array(ClientView) } },
  }, async (req) => Promise.all((['google', 'microsoft'] as const).map((p) => view(authOf(req).workspaceId, p))));

  app.put('/api/v2/workspace/oauth-clients/:provider/', {
    config,
    schema: { tags, summary: 'Set the Google or Microsoft OAuth client of the V1 connect flow', params: ProviderParams, body: Type.Object({ client_id: Type.Optional(Type.Unknown()), client_secret: Type.Optional(Type.Unknown()) }), response: { 200: ClientView } },
  }, async (req) => {
    const { provider } = req.params as { provider: OAuthProvider };
    const body = req.body as Record<string, unknown>;
    const errors: FieldErrors = {};
    for (const k of ['client_id', 'client_secret'] as const) {
      const v = body[k];
      if (v === undefined || v === null || v === '') errors[k] = ['This field is required.'];
      else if (typeof v !== 'string') errors[k] = ['Not a valid string.'];
      else if (v.length > 2000) errors[k] = ['Ensure this field has no more than 2000 characters.'];
    }
    if (Object.keys(errors).length) throw validationError(errors);
    await setOAuthClient(deps, authOf(req).workspaceId, provider, body.client_id as string, body.client_secret as string);
    return view(authOf(req).workspaceId, provider);
  });

  app.delete('/api/v2/workspace/oauth-clients/:provider/', {
    config,
    schema: { tags, summary: "Remove the workspace's stored OAuth client", params: ProviderParams },
  }, async (req, reply) => {
    const { provider } = req.params as { provider: OAuthProvider };
    if (!(await removeOAuthClient(deps, authOf(req).workspaceId, provider))) throw notFound();
    return reply.status(204).send();
  });

  app.get('/api/v2/workspace/calendar-v1/', {
    config,
    schema: { tags, summary: "The workspace's Calendar V1 settings", response: { 200: Settings } },
  }, async (req) => v1Settings(deps.pool, authOf(req).workspaceId));

  for (const method of ['PATCH', 'PUT'] as const) {
    app.route({
      method,
      url: '/api/v2/workspace/calendar-v1/',
      config,
      schema: { tags, summary: 'Update Calendar V1 settings (partial): bot_preset, deduplicate_bots, deduplicate_across_platforms, join_lead_seconds, redirect_allowlist, cors_origins', body: Type.Object({}, { additionalProperties: true }), response: { 200: Settings } },
      handler: async (req) => updateV1Settings(deps.pool, authOf(req).workspaceId, req.body as Record<string, unknown>),
    });
  }

  app.post('/api/v2/workspace/calendar-token-secret/rotate/', {
    config,
    schema: { tags, summary: 'Rotate the calendar-token signing secret (every V1 token becomes invalid)', response: { 200: Type.Object({ rotated: Type.Boolean() }) } },
  }, async (req) => {
    await rotateCalendarTokenSecret(deps, authOf(req).workspaceId);
    return { rotated: true };
  });
}
