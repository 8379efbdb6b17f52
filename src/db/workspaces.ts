import type { Queryable } from './pool.js';

export interface WorkspaceRow {
  id: string;
  name: string;
  settings: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export async function insertWorkspace(db: Queryable, name: string): Promise<WorkspaceRow> {
  const r = await db.query<WorkspaceRow>('INSERT INTO workspaces (name) VALUES ($1) RETURNING *', [name]);
  return r.rows[0];
}

export async function findWorkspace(db: Queryable, id: string): Promise<WorkspaceRow | null> {
  const r = await db.query<WorkspaceRow>('SELECT * FROM workspaces WHERE id = $1', [id]);
  return r.rows[0] ?? null;
}

export async function findWorkspaceByName(db: Queryable, name: string): Promise<WorkspaceRow | null> {
  const r = await db.query<WorkspaceRow>('SELECT * FROM workspaces WHERE name = $1', [name]);
  return r.rows[0] ?? null;
}

export async function countWorkspaces(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM workspaces');
  return r.rows[0].n;
}

/** Shallow-merges `patch` into the workspace's settings and returns the new settings. */
export async function mergeWorkspaceSettings(db: Queryable, id: string, patch: Record<string, unknown>): Promise<Record<string, unknown>> {
  const r = await db.query<{ settings: Record<string, unknown> }>(
    `UPDATE workspaces SET settings = settings || $2::jsonb, updated_at = date_trunc('milliseconds', now())
     WHERE id = $1 RETURNING settings`,
    [id, JSON.stringify(patch)],
  );
  return r.rows[0]?.settings ?? {};
}
