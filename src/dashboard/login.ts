// One-time local sign-in: at start (embedded mode) rollcall prints a link carrying a single-use code; the
// dashboard exchanges it for a fresh API key kept in the tab's sessionStorage.
import type { Deps } from '../deps.js';
import { randomHex, sha256Hex } from '../crypto/tokens.js';
import { consumeLoginCodeHash, storeLoginCodeHash } from '../db/dashboard-login.js';
import { withTransaction } from '../db/pool.js';
import { createApiKey } from '../workspaces/api-keys.js';

const LOGIN_CODE_TTL_MS = 24 * 3600 * 1000;

/** A new code for the workspace (replacing any earlier one); returns the sign-in URL to print. */
export async function createLoginLink(deps: Deps, workspaceId: string): Promise<string> {
  const code = randomHex(16);
  await storeLoginCodeHash(deps.pool, workspaceId, sha256Hex(code), new Date(Date.now() + LOGIN_CODE_TTL_MS));
  return `${deps.config.publicUrl}/?login=${code}`;
}

/** Spends the code for a new API key; null when the code is unknown, used or expired. */
export async function exchangeLoginCode(deps: Deps, code: string): Promise<{ key: string; keyId: string } | null> {
  return withTransaction(deps.pool, async (tx) => {
    const workspaceId = await consumeLoginCodeHash(tx, sha256Hex(code));
    if (!workspaceId) return null;
    const { key, row } = await createApiKey(tx, workspaceId, 'dashboard sign-in link');
    return { key, keyId: row.id };
  });
}
