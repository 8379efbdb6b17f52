// Authenticates every request by its route's `auth` mode before the body is read: API keys (`Token <key>`,
// `Bearer <key>` or a bare key) or, through a verifier another module registers, V1 calendar auth tokens.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors.js';
import { sha256Hex } from '../../crypto/tokens.js';
import { workspaceForKeyHash } from '../../db/api-keys.js';
import type { Deps } from '../../deps.js';
import { parseAuthorization } from '../../workspaces/api-keys.js';
import type { AuthContext } from '../types.js';

export type CalendarTokenVerifier = (req: FastifyRequest, token: string) => Promise<AuthContext>;

const UNAUTHENTICATED = { 'WWW-Authenticate': 'Token' };

export async function authenticateApiKey(deps: Deps, header: string | undefined): Promise<AuthContext> {
  if (header === undefined || header.trim() === '') throw new ApiError('not_authenticated', undefined, { headers: UNAUTHENTICATED });
  const key = parseAuthorization(header);
  const found = key ? await workspaceForKeyHash(deps.pool, sha256Hex(key)) : null;
  if (!found) throw new ApiError('authentication_failed', 'Invalid token.', { headers: UNAUTHENTICATED });
  return { workspaceId: found.workspace_id, calendarUserId: null, scope: `ws:${found.workspace_id}` };
}

export function registerAuth(app: FastifyInstance, deps: Deps, calendarVerifier: () => CalendarTokenVerifier | null): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req) => {
    if (req.method === 'OPTIONS') return;
    // API routes default to API-key auth so a route cannot be left open by omission; pages and docs are public.
    const mode = req.routeOptions.config?.auth ?? (req.routeOptions.url?.startsWith('/api/') ? 'key' : 'none');
    if (mode === 'none') return;
    if (mode === 'key') {
      req.auth = await authenticateApiKey(deps, req.headers.authorization);
      return;
    }
    const token = req.headers['x-recallcalendarauthtoken'];
    const value = Array.isArray(token) ? token[0] : token;
    if (!value) throw new ApiError('not_authenticated', undefined, { headers: UNAUTHENTICATED });
    const verify = calendarVerifier();
    if (!verify) throw new Error('calendar token verifier not registered');
    req.auth = await verify(req, value);
  });
}
