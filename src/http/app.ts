// buildApp(deps) returns the configured Fastify instance without listening; main.ts and tests decide where it runs.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { safeUrl } from '../observability/safe-url.js';
import type { Deps } from '../deps.js';
import { registerAuth, type CalendarTokenVerifier } from './plugins/auth.js';
import { registerBodyParsing } from './plugins/body-parsing.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { registerObservability, requestIdFor } from './plugins/observability.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { routeModules } from './routes/index.js';

export interface AppOptions {
  /** Verifies V1 calendar auth tokens (registered by the V1 module). */
  calendarTokenVerifier?: CalendarTokenVerifier;
}

export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Typed as Fastify's base logger so plugins accept the instance; it is our pino child either way.
    loggerInstance: deps.log.child({ component: 'http' }, {
      serializers: { req: (req: FastifyRequest) => ({ method: req.method, url: safeUrl(req.url), request_id: req.id }) },
    }) as FastifyBaseLogger,
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    trustProxy: deps.config.TRUST_PROXY,
    genReqId: (req) => requestIdFor(req.headers['x-request-id']),
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 500 },
    ajv: { customOptions: { allErrors: true, verbose: true, coerceTypes: 'array', removeAdditional: false } },
  });
  registerErrorHandling(app);
  registerObservability(app, deps);
  await registerBodyParsing(app);
  registerAuth(app, deps, () => opts.calendarTokenVerifier ?? null);
  registerRateLimit(app, deps);
  registerIdempotency(app, deps);
  await registerOpenApi(app);
  for (const mod of routeModules) await app.register(async (scope) => mod(scope, deps));
  return app;
}
