// CORS for the V1 calendar endpoints (api-contract §2.11), which browsers call with a custom header. Preflights
// answer 204 before authentication and rate limiting; every actual response, errors included, carries the
// headers. Other paths get none (API keys must not reach browsers).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { v1Settings } from '../../calendar-v1/settings.js';

const PREFIX = '/api/v1/calendar';
const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const DEFAULT_HEADERS = 'content-type, x-recallcalendarauthtoken, authorization, idempotency-key';
const WORKSPACE_CACHE_MS = 30_000;

export const isCalendarV1Path = (url: string): boolean => {
  const path = url.split('?')[0];
  return path === PREFIX || path.startsWith(`${PREFIX}/`);
};

/** null = any origin. */
function parseOrigins(v: string | null | undefined): string[] | null {
  if (!v || v.trim() === '*') return null;
  return v.split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean);
}

export function registerCors(app: FastifyInstance, deps: Deps): void {
  const global = parseOrigins(deps.config.CALENDAR_V1_CORS_ORIGINS);
  const workspaceOrigins = new Map<string, { origins: string[]; until: number }>();

  async function allowedFor(workspaceId: string | undefined): Promise<string[] | null> {
    if (!workspaceId) return global;
    let cached = workspaceOrigins.get(workspaceId);
    if (!cached || cached.until < Date.now()) {
      const origins = await v1Settings(deps.pool, workspaceId).then((s) => s.cors_origins, () => []);
      cached = { origins, until: Date.now() + WORKSPACE_CACHE_MS };
      workspaceOrigins.set(workspaceId, cached);
    }
    if (cached.origins.length === 0) return global;
    return global === null ? cached.origins : cached.origins.filter((o) => global.includes(o));
  }

  function setOrigin(req: FastifyRequest, reply: FastifyReply, allowed: string[] | null): void {
    if (allowed === null) {
      reply.header('Access-Control-Allow-Origin', '*');
      return;
    }
    reply.header('Vary', 'Origin');
    const origin = req.headers.origin;
    if (origin && allowed.includes(origin.replace(/\/+$/, ''))) reply.header('Access-Control-Allow-Origin', origin);
  }

  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'OPTIONS' || !isCalendarV1Path(req.url)) return;
    setOrigin(req, reply, global);
    const asked = req.headers['access-control-request-headers'];
    reply
      .header('Access-Control-Allow-Methods', METHODS)
      .header('Access-Control-Allow-Headers', (Array.isArray(asked) ? asked.join(', ') : asked) || DEFAULT_HEADERS)
      .header('Access-Control-Max-Age', '86400');
    return reply.code(204).send();
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'OPTIONS' || !isCalendarV1Path(req.url)) return payload;
    setOrigin(req, reply, await allowedFor(req.auth?.workspaceId));
    reply.header('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
    return payload;
  });
}
