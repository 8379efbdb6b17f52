// buildApp(deps) returns the configured Fastify instance without listening; main.ts and tests decide where it runs.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { safeUrl } from '../observability/safe-url.js';
import type { Deps } from '../deps.js';
import { registerAuth, type CalendarTokenVerifier } from './plugins/auth.js';
import { calendarTokenVerifier } from '../calendar-v1/token-verifier.js';
import { registerBodyParsing } from './plugins/body-parsing.js';
import { registerCors } from './plugins/cors.js';
import { answerFrameworkError, registerErrorHandling } from './plugins/errors.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { registerObservability, requestIdFor } from './plugins/observability.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { routeModules } from './routes/index.js';

export interface AppOptions {
  /** Verifies V1 calendar auth tokens; default: the V1 module's verifier (src/calendar-v1/token-verifier.ts). */
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
    frameworkErrors: answerFrameworkError,
    ajv: { customOptions: { allErrors: true, verbose: true, coerceTypes: 'array', removeAdditional: false } },
  });
  registerErrorHandling(app);
  registerObservability(app, deps);
  await registerBodyParsing(app);
  // Before auth and rate limits: V1 preflights are answered unauthenticated, and every V1 response gets CORS headers.
  registerCors(app, deps);
  const verifier = opts.calendarTokenVerifier ?? calendarTokenVerifier(deps);
  registerAuth(app, deps, () => verifier);
  registerRateLimit(app, deps);
  registerIdempotency(app, deps);
  await registerOpenApi(app);
  for (const mod of routeModules) await app.register(async (scope) => mod(scope, deps));
  return app;
}
