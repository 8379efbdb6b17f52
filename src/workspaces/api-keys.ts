// API keys: 40 lowercase hex characters (the contract's format), shown once, stored as a SHA-256 hash.
import { insertApiKey, type ApiKeyRow } from '../db/api-keys.js';
import type { Queryable } from '../db/pool.js';
import { randomHex, sha256Hex } from '../crypto/tokens.js';

export async function createApiKey(db: Queryable, workspaceId: string, description = ''): Promise<{ key: string; row: ApiKeyRow }> {
  const key = randomHex(20);
  const row = await insertApiKey(db, workspaceId, sha256Hex(key), key.slice(0, 6), description);
  return { key, row };
}

/** Extracts the key from `Token <key>`, `Bearer <key>` or a bare `<key>`; null when the header is unusable. */
export function parseAuthorization(header: string | undefined): string | null {
  if (header === undefined) return null;
  const trimmed = header.trim();
  const m = /^(?:(token|bearer)\s+)?(\S+)$/i.exec(trimmed);
  return m ? m[2] : null;
}
