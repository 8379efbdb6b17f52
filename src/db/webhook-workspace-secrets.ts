// webhook_workspace_secrets: the per-workspace signing secret (encrypted), used for calendars' own webhook_url.
import type { Queryable } from './pool.js';

export interface WorkspaceSecretRow {
  workspace_id: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Inserts the secret unless one exists; returns whichever is stored (concurrent first uses agree). */
export async function ensureWorkspaceSecret(db: Queryable, workspaceId: string, encryptedSecret: string): Promise<WorkspaceSecretRow> {
  await db.query(`INSERT INTO webhook_workspace_secrets (workspace_id, secret) VALUES ($1, $2) ON CONFLICT (workspace_id) DO NOTHING`, [
    workspaceId,
    encryptedSecret,
  ]);
  const { rows } = await db.query<WorkspaceSecretRow>(`SELECT * FROM webhook_workspace_secrets WHERE workspace_id = $1`, [workspaceId]);
  return rows[0];
}

export async function getWorkspaceSecret(db: Queryable, workspaceId: string): Promise<WorkspaceSecretRow | null> {
  const { rows } = await db.query<WorkspaceSecretRow>(`SELECT * FROM webhook_workspace_secrets WHERE workspace_id = $1`, [workspaceId]);
  return rows[0] ?? null;
}

export async function rotateWorkspaceSecret(db: Queryable, workspaceId: string, encryptedSecret: string, overlapSeconds: number): Promise<WorkspaceSecretRow> {
  const { rows } = await db.query<WorkspaceSecretRow>(
    `UPDATE webhook_workspace_secrets SET previous_secret = secret, secret = $2,
            previous_secret_expires_at = now() + $3 * interval '1 second', updated_at = date_trunc('milliseconds', now())
      WHERE workspace_id = $1 RETURNING *`,
    [workspaceId, encryptedSecret, overlapSeconds],
  );
  return rows[0];
}
