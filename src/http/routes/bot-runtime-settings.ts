// rollcall administration (outside Recall's surface): the workspace's bot runtime, stored in workspace settings
// (`bot_runtime`, secrets encrypted). Absent fields fall back to the environment defaults.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { findWorkspace, mergeWorkspaceSettings } from '../../db/workspaces.js';
import type { Deps } from '../../deps.js';
import { RUNTIME_KINDS } from '../../runtimes/bot-runtime.js';
import { resolveRuntimeSettings, type StoredRuntimeSettings } from '../../runtimes/settings.js';
import { Nullable } from '../schemas.js';
import { authOf } from '../types.js';

const Patch = Type.Object({
  type: Type.Optional(Nullable(Type.Union(RUNTIME_KINDS.map((k) => Type.Literal(k))))),
  dispatch_lead_seconds: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 3600 }))),
  http_url: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 2000 }))),
  http_secret: Type.Optional(Nullable(Type.String({ pattern: '^whsec_', maxLength: 200 }))),
  recall_api_url: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 2000 }))),
  recall_api_key: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
  recall_webhook_secret: Type.Optional(Nullable(Type.String({ pattern: '^whsec_', maxLength: 200 }))),
  simulated_pool_size: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  simulated_step_ms: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  simulated_call_ms: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  simulated_failure_percent: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100 }))),
});
type PatchBody = { [K in keyof typeof Patch.static]?: (typeof Patch.static)[K] };

const SECRET_FIELDS = { http_secret: 'http_secret_enc', recall_api_key: 'recall_api_key_enc', recall_webhook_secret: 'recall_webhook_secret_enc' } as const;

function view(deps: Deps, stored: StoredRuntimeSettings) {
  const s = resolveRuntimeSettings(deps, stored);
  return {
    type: s.type,
    dispatch_lead_seconds: s.dispatchLeadMs / 1000,
    http_url: s.http.url,
    http_secret_set: s.http.secret !== null,
    recall_api_url: s.recall.apiUrl,
    recall_api_key_set: s.recall.apiKey !== null,
    recall_webhook_secret_set: s.recall.webhookSecret !== null,
    simulated_pool_size: s.simulated.poolSize,
    simulated_step_ms: s.simulated.stepMs,
    simulated_call_ms: s.simulated.callMs,
    simulated_failure_percent: s.simulated.failurePercent,
  };
}

export async function botRuntimeSettingsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const tags = ['Bot runtimes (rollcall)'];
  const rateLimit = { bucket: 'workspace_settings', limit: 60 };

  app.get('/api/v2/workspace/bot-runtime/', { config: { rateLimit }, schema: { tags, summary: "The workspace's bot runtime (secrets are never shown)" } }, async (req) => {
    const ws = await findWorkspace(deps.pool, authOf(req).workspaceId);
    return view(deps, (ws?.settings.bot_runtime ?? {}) as StoredRuntimeSettings);
  });

  app.patch('/api/v2/workspace/bot-runtime/', {
    config: { rateLimit },
    schema: { tags, summary: "Change the workspace's bot runtime (null resets a field to the default)", body: Patch },
  }, async (req) => {
    const workspaceId = authOf(req).workspaceId;
    const body = req.body as PatchBody;
    const ws = await findWorkspace(deps.pool, workspaceId);
    const stored: Record<string, unknown> = { ...((ws?.settings.bot_runtime ?? {}) as StoredRuntimeSettings) };
    for (const [k, v] of Object.entries(body)) {
      // Unknown fields are ignored (api-contract §2.4), never stored in the workspace settings.
      if (v === undefined || !Object.hasOwn(Patch.properties, k)) continue;
      if (k in SECRET_FIELDS) {
        const target = SECRET_FIELDS[k as keyof typeof SECRET_FIELDS];
        if (v === null) delete stored[target];
        else stored[target] = deps.secrets.encrypt(String(v));
      } else if (k === 'dispatch_lead_seconds') {
        if (v === null) delete stored.dispatch_lead_ms;
        else stored.dispatch_lead_ms = Math.round(Number(v) * 1000);
      } else if (v === null) delete stored[k];
      else stored[k] = v;
    }
    await mergeWorkspaceSettings(deps.pool, workspaceId, { bot_runtime: stored });
    return view(deps, stored as StoredRuntimeSettings);
  });
}
