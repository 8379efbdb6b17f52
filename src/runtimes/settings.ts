// A workspace's bot runtime: `settings.bot_runtime` in the workspaces table (secrets encrypted), falling back to
// the configured defaults (BOT_RUNTIME, BOT_RUNTIME_HTTP_*, RECALL_*, SIMULATED_BOT_*).
import type { Deps } from '../deps.js';
import { findWorkspace } from '../db/workspaces.js';
import type { Queryable } from '../db/pool.js';
import type { RuntimeKind } from './bot-runtime.js';

/** As stored in workspaces.settings.bot_runtime; every field optional, secrets as ciphertexts. */
export interface StoredRuntimeSettings {
  type?: RuntimeKind;
  dispatch_lead_ms?: number;
  http_url?: string;
  http_secret_enc?: string;
  recall_api_url?: string;
  recall_api_key_enc?: string;
  recall_webhook_secret_enc?: string;
  simulated_pool_size?: number;
  simulated_step_ms?: number;
  simulated_call_ms?: number;
  simulated_failure_percent?: number;
}

export interface RuntimeSettings {
  type: RuntimeKind;
  dispatchLeadMs: number;
  http: { url: string | null; secret: string | null };
  recall: { apiUrl: string; apiKey: string | null; webhookSecret: string | null };
  simulated: { poolSize: number; stepMs: number; callMs: number; failurePercent: number };
}

export function resolveRuntimeSettings(deps: Pick<Deps, 'config' | 'secrets'>, stored: StoredRuntimeSettings | undefined): RuntimeSettings {
  const s = stored ?? {};
  const c = deps.config;
  const dec = (v: string | undefined) => (v ? deps.secrets.decrypt(v) : null);
  return {
    type: s.type ?? c.BOT_RUNTIME,
    dispatchLeadMs: s.dispatch_lead_ms ?? c.BOT_DISPATCH_LEAD_MS,
    http: { url: s.http_url ?? c.BOT_RUNTIME_HTTP_URL, secret: dec(s.http_secret_enc) ?? c.BOT_RUNTIME_HTTP_SECRET },
    recall: {
      apiUrl: s.recall_api_url ?? c.RECALL_API_URL,
      apiKey: dec(s.recall_api_key_enc) ?? c.RECALL_API_KEY,
      webhookSecret: dec(s.recall_webhook_secret_enc) ?? c.RECALL_WEBHOOK_SECRET,
    },
    simulated: {
      poolSize: s.simulated_pool_size ?? c.SIMULATED_BOT_POOL_SIZE,
      stepMs: s.simulated_step_ms ?? c.SIMULATED_BOT_STEP_MS,
      callMs: s.simulated_call_ms ?? c.SIMULATED_BOT_CALL_MS,
      failurePercent: s.simulated_failure_percent ?? c.SIMULATED_BOT_FAILURE_PERCENT,
    },
  };
}

export async function workspaceRuntimeSettings(deps: Pick<Deps, 'config' | 'secrets'>, db: Queryable, workspaceId: string): Promise<RuntimeSettings> {
  const ws = await findWorkspace(db, workspaceId);
  return resolveRuntimeSettings(deps, ws?.settings.bot_runtime as StoredRuntimeSettings | undefined);
}
