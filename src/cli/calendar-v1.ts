// Calendar V1 administration from the command line: a workspace's OAuth clients and its V1 settings.
import type { Config } from '../config/load.js';
import { bootstrap } from '../bootstrap.js';
import { setOAuthClient } from '../calendar-v1/oauth-clients.js';
import { updateV1Settings, v1Settings } from '../calendar-v1/settings.js';
import { rotateCalendarTokenSecret } from '../calendar-v1/tokens.js';
import { findWorkspace } from '../db/workspaces.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../observability/logger.js';

async function withWorkspace(config: Config, log: Logger, workspaceId: string, fn: (deps: Deps) => Promise<unknown>): Promise<void> {
  const { deps, db } = await bootstrap(config, log, { role: 'admin' });
  try {
    if (!/^[0-9a-f-]{36}$/i.test(workspaceId) || !(await findWorkspace(deps.pool, workspaceId))) throw new Error(`workspace ${workspaceId} not found`);
    const out = await fn(deps);
    console.log(JSON.stringify(out));
  } catch (err) {
    if (err instanceof ApiError) throw new Error(`invalid settings: ${JSON.stringify(err.options.errors ?? err.message)}`);
    throw err;
  } finally {
    await db.close();
  }
}

export async function runOAuthClientSet(config: Config, log: Logger, o: { workspace: string; provider: string; clientId: string; clientSecret: string }): Promise<void> {
  if (o.provider !== 'google' && o.provider !== 'microsoft') throw new Error('--provider must be google or microsoft');
  const provider = o.provider;
  await withWorkspace(config, log, o.workspace, async (deps) => {
    await setOAuthClient(deps, o.workspace, provider, o.clientId, o.clientSecret);
    return { workspace_id: o.workspace, provider, client_id: o.clientId };
  });
}

export async function runCalendarV1Settings(config: Config, log: Logger, o: { workspace: string; set?: string }): Promise<void> {
  await withWorkspace(config, log, o.workspace, async (deps) => {
    if (!o.set) return v1Settings(deps.pool, o.workspace);
    let patch: unknown;
    try {
      patch = JSON.parse(o.set);
    } catch {
      throw new Error('--set must be a JSON object');
    }
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('--set must be a JSON object');
    return updateV1Settings(deps.pool, o.workspace, patch as Record<string, unknown>);
  });
}

export async function runCalendarTokenRotate(config: Config, log: Logger, workspace: string): Promise<void> {
  await withWorkspace(config, log, workspace, async (deps) => {
    await rotateCalendarTokenSecret(deps, workspace);
    return { workspace_id: workspace, rotated: true };
  });
}
