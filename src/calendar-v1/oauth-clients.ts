// The OAuth client a workspace's V1 connect flow uses: the one stored for the workspace (encrypted), else for
// the `default` workspace the GOOGLE_/MICROSOFT_OAUTH_CLIENT_* configuration.
import { deleteOAuthClient, findOAuthClient, upsertOAuthClient, type OAuthProvider } from '../db/calendar-v1-secrets.js';
import { findWorkspace } from '../db/workspaces.js';
import type { Deps } from '../deps.js';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  source: 'workspace' | 'configuration';
}

export async function oauthClientFor(deps: Deps, workspaceId: string, provider: OAuthProvider): Promise<OAuthClient | null> {
  const row = await findOAuthClient(deps.pool, workspaceId, provider);
  if (row) return { clientId: deps.secrets.decrypt(row.client_id_enc), clientSecret: deps.secrets.decrypt(row.client_secret_enc), source: 'workspace' };
  const c = deps.config;
  const [id, secret] = provider === 'google' ? [c.GOOGLE_OAUTH_CLIENT_ID, c.GOOGLE_OAUTH_CLIENT_SECRET] : [c.MICROSOFT_OAUTH_CLIENT_ID, c.MICROSOFT_OAUTH_CLIENT_SECRET];
  if (!id || !secret) return null;
  const ws = await findWorkspace(deps.pool, workspaceId);
  return ws?.name === 'default' ? { clientId: id, clientSecret: secret, source: 'configuration' } : null;
}

export async function setOAuthClient(deps: Deps, workspaceId: string, provider: OAuthProvider, clientId: string, clientSecret: string): Promise<void> {
  await upsertOAuthClient(deps.pool, workspaceId, provider, deps.secrets.encrypt(clientId), deps.secrets.encrypt(clientSecret));
}

export async function removeOAuthClient(deps: Deps, workspaceId: string, provider: OAuthProvider): Promise<boolean> {
  return deleteOAuthClient(deps.pool, workspaceId, provider);
}
