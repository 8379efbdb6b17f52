// One-shot administration commands: migrate, workspace create, api-key create/revoke.
import type { Config } from '../config/load.js';
import { bootstrap } from '../bootstrap.js';
import { openDatabase } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { revokeApiKey } from '../db/api-keys.js';
import { findWorkspace, insertWorkspace } from '../db/workspaces.js';
import type { Logger } from '../observability/logger.js';
import { createApiKey } from '../workspaces/api-keys.js';

export async function runMigrate(config: Config, log: Logger): Promise<void> {
  const db = await openDatabase(config, log, 'rollcall-migrate');
  try {
    const { applied } = await migrate(db.pool, log);
    console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'schema is up to date');
  } finally {
    await db.close();
  }
}

async function withDeps<T>(config: Config, log: Logger, fn: (deps: Awaited<ReturnType<typeof bootstrap>>['deps']) => Promise<T>): Promise<T> {
  const { deps, db } = await bootstrap(config, log, { role: 'admin' });
  try {
    return await fn(deps);
  } finally {
    await db.close();
  }
}

export async function runWorkspaceCreate(config: Config, log: Logger, name: string): Promise<void> {
  await withDeps(config, log, async (deps) => {
    const ws = await insertWorkspace(deps.pool, name);
    console.log(JSON.stringify({ id: ws.id, name: ws.name }));
  });
}

export async function runApiKeyCreate(config: Config, log: Logger, workspaceId: string, description: string): Promise<void> {
  await withDeps(config, log, async (deps) => {
    if (!/^[0-9a-f-]{36}$/i.test(workspaceId) || !(await findWorkspace(deps.pool, workspaceId))) {
      throw new Error(`workspace ${workspaceId} not found`);
    }
    const { key, row } = await createApiKey(deps.pool, workspaceId, description);
    console.log(JSON.stringify({ id: row.id, workspace_id: workspaceId, key }));
  });
}

export async function runApiKeyRevoke(config: Config, log: Logger, id: string): Promise<void> {
  await withDeps(config, log, async (deps) => {
    if (!/^[0-9a-f-]{36}$/i.test(id) || !(await revokeApiKey(deps.pool, id))) throw new Error(`active API key ${id} not found`);
    console.log(JSON.stringify({ id, revoked: true }));
  });
}
