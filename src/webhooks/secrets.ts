// Signing secrets in use: an endpoint's own, or the workspace's (for calendars' webhook_url). During a rotation's
// overlap both the new and the previous secret sign, newest first.
import type { Deps } from '../deps.js';
import type { Queryable } from '../db/pool.js';
import type { WebhookEndpointRow } from '../db/webhook-endpoints.js';
import { ensureWorkspaceSecret, rotateWorkspaceSecret, type WorkspaceSecretRow } from '../db/webhook-workspace-secrets.js';
import { generateSigningSecret } from './signing.js';

interface SecretColumns {
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

export function activeSecrets(deps: Pick<Deps, 'secrets'>, row: SecretColumns, now = new Date()): string[] {
  const out = [deps.secrets.decrypt(row.secret)];
  if (row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at > now) {
    out.push(deps.secrets.decrypt(row.previous_secret));
  }
  return out;
}

export function endpointSecrets(deps: Pick<Deps, 'secrets'>, endpoint: WebhookEndpointRow): string[] {
  return activeSecrets(deps, endpoint);
}

/** The workspace secret row, created on first use. */
export async function workspaceSecretRow(deps: Pick<Deps, 'secrets'>, db: Queryable, workspaceId: string): Promise<WorkspaceSecretRow> {
  return ensureWorkspaceSecret(db, workspaceId, deps.secrets.encrypt(generateSigningSecret()));
}

export async function workspaceSecrets(deps: Pick<Deps, 'secrets'>, db: Queryable, workspaceId: string): Promise<string[]> {
  return activeSecrets(deps, await workspaceSecretRow(deps, db, workspaceId));
}

export async function rotateWorkspaceSigningSecret(deps: Pick<Deps, 'secrets' | 'config'>, db: Queryable, workspaceId: string): Promise<WorkspaceSecretRow> {
  await workspaceSecretRow(deps, db, workspaceId);
  return rotateWorkspaceSecret(db, workspaceId, deps.secrets.encrypt(generateSigningSecret()), deps.config.WEBHOOK_SECRET_ROTATION_OVERLAP_SECONDS);
}
