// First embedded start: a `default` workspace and an API key a newcomer can use at once. The key is written to
// the data directory (mode 600) and returned so the caller can print it once.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Deps } from '../deps.js';
import { withTransaction } from '../db/pool.js';
import { countWorkspaces, insertWorkspace } from '../db/workspaces.js';
import { createApiKey } from './api-keys.js';

export const DEFAULT_KEY_FILE = 'default-api-key';

export async function ensureDefaultWorkspace(deps: Deps): Promise<{ workspaceId: string; key: string; keyFile: string } | null> {
  const created = await withTransaction(deps.pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7305201002)');
    if ((await countWorkspaces(tx)) > 0) return null;
    const ws = await insertWorkspace(tx, 'default');
    const { key } = await createApiKey(tx, ws.id, 'created on first start');
    return { workspaceId: ws.id, key };
  });
  if (!created) return null;
  const keyFile = path.join(path.resolve(deps.config.ROLLCALL_DATA_DIR), DEFAULT_KEY_FILE);
  await writeFile(keyFile, created.key + '\n', { mode: 0o600 });
  return { ...created, keyFile };
}
