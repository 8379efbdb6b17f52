import type { Cursor } from '../http/pagination.js';
import { keyset } from './keyset.js';
import type { Queryable } from './pool.js';

export interface ApiKeyRow {
  id: string;
  workspace_id: string;
  prefix: string;
  description: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export async function insertApiKey(db: Queryable, workspaceId: string, keyHash: string, prefix: string, description: string): Promise<ApiKeyRow> {
  const r = await db.query<ApiKeyRow>(
    `INSERT INTO api_keys (workspace_id, key_hash, prefix, description) VALUES ($1, $2, $3, $4)
     RETURNING id, workspace_id, prefix, description, created_at, last_used_at, revoked_at`,
    [workspaceId, keyHash, prefix, description],
  );
  return r.rows[0];
}

/** The workspace of an active key. Touches last_used_at at most once a minute to keep the hot path read-only. */
export async function workspaceForKeyHash(db: Queryable, keyHash: string): Promise<{ key_id: string; workspace_id: string; workspace_name: string } | null> {
  const r = await db.query(
    `SELECT k.id AS key_id, k.workspace_id, w.name AS workspace_name,
            (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute') AS stale
       FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id
      WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
    [keyHash],
  );
  const row = r.rows[0];
  if (!row) return null;
  if (row.stale) await db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [row.key_id]);
  return { key_id: row.key_id, workspace_id: row.workspace_id, workspace_name: row.workspace_name };
}

export async function revokeApiKey(db: Queryable, id: string, workspaceId?: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR workspace_id = $2)`,
    [id, workspaceId ?? null],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Keyset page of a workspace's keys ordered by (created_at, id). */
export async function listApiKeys(db: Queryable, workspaceId: string, cursor: Cursor | null, limit: number): Promise<ApiKeyRow[]> {
  const ks = keyset(cursor, [{ expr: 'created_at', type: 'timestamptz' }, { expr: 'id', type: 'uuid' }], 3);
  const r = await db.query<ApiKeyRow>(
    `SELECT id, workspace_id, prefix, description, created_at, last_used_at, revoked_at FROM api_keys
      WHERE workspace_id = $1 AND ${ks.where} ORDER BY ${ks.orderBy} LIMIT $2`,
    [workspaceId, limit, ...ks.values],
  );
  return r.rows;
}
