// `Idempotency-Key` on POST/PUT/PATCH: the first request claims the key (scoped to the workspace or calendar
// user); a repeat while it runs gets 409, a repeat within 60 minutes gets the stored answer replayed. 2xx and 4xx
// are stored; 5xx and 429 release the key so a retry runs again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, validationError } from '../../errors.js';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../../db/idempotency.js';
import type { Deps } from '../../deps.js';

const METHODS = new Set(['POST', 'PUT', 'PATCH']);
const claimed = Symbol('idempotencyClaim');

type Claim = { scope: string; key: string };
type WithClaim = FastifyRequest & { [claimed]?: Claim };

export function registerIdempotency(app: FastifyInstance, deps: Deps): void {
  app.addHook('preValidation', async (req: WithClaim, reply: FastifyReply) => {
    const raw = req.headers['idempotency-key'];
    if (raw === undefined || !METHODS.has(req.method) || !req.auth) return;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (key.length < 1 || key.length > 255) throw validationError({ 'Idempotency-Key': ['Ensure this header has 1 to 255 characters.'] });
    const path = req.url.split('?')[0].replace(/\/+$/, '') || '/';
    const existing = await claimIdempotencyKey(deps.pool, req.auth.scope, key, req.method, path);
    if (!existing) {
      req[claimed] = { scope: req.auth.scope, key };
      return;
    }
    if (existing.method !== req.method || existing.path !== path) throw new ApiError('idempotency_key_reused');
    if (existing.state === 'in_flight') throw new ApiError('idempotency_conflict');
    reply.header('Idempotent-Replayed', 'true');
    for (const [k, v] of Object.entries(existing.response_headers ?? {})) reply.header(k, v);
    // Stored bodies are encrypted: they can hold secrets (a new API key, calendar credentials).
    return reply.status(existing.status_code ?? 200).send(existing.response_body ? deps.secrets.decrypt(existing.response_body) : '');
  });

  app.addHook('onSend', async (req: WithClaim, reply, payload) => {
    const claim = req[claimed];
    if (!claim) return payload;
    delete req[claimed];
    const status = reply.statusCode;
    if (status >= 500 || status === 429) {
      await releaseIdempotencyKey(deps.pool, claim.scope, claim.key);
    } else {
      const type = reply.getHeader('content-type');
      await completeIdempotencyKey(deps.pool, claim.scope, claim.key, status, type ? { 'content-type': String(type) } : {}, deps.secrets.encrypt(typeof payload === 'string' ? payload : String(payload ?? '')));
    }
    return payload;
  });

  // A request that died before sending (client gone, crash inside the handler) must not hold the key forever.
  app.addHook('onResponse', async (req: WithClaim) => {
    const claim = req[claimed];
    if (claim) await releaseIdempotencyKey(deps.pool, claim.scope, claim.key);
  });
}
