// Renders every failure as the contract's JSON error bodies: registered ApiErrors as they are, validation errors
// as the DRF envelope, Fastify's own errors mapped to registered codes, anything else as a logged 500. Unknown
// paths are 404; a known path with another method is 405 with `Allow`.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay from 'find-my-way';
import { ApiError, validationError } from '../../errors.js';
import { isRetryableConflict } from '../../db/pool.js';
import { toFieldErrors } from '../validation-errors.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Database unreachable or restarting: connection refused/reset (also inside an AggregateError from a dual-stack
 * connect), admin shutdown, starting up, too many connections, or a pooled client whose connection broke.
 */
export function isDatabaseUnavailable(err: { code?: string; message?: string; errors?: unknown[] }): boolean {
  const codes = [err.code ?? '', ...(Array.isArray(err.errors) ? err.errors.map((e) => (e as { code?: string })?.code ?? '') : [])];
  return (
    codes.some((code) => ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300'].includes(code) || code.startsWith('08')) ||
    /Connection terminated|timeout exceeded when trying to connect|not queryable|terminating connection|the database system is/i.test(err.message ?? '')
  );
}

function fromFastifyError(err: FastifyError & { validationContext?: string }): ApiError | null {
  if (isDatabaseUnavailable(err)) return new ApiError('unavailable', undefined, { headers: { 'Retry-After': '5' } });
  // Still deadlocked after withTransaction's retries: a conflicting operation, the client retries.
  if (isRetryableConflict(err)) return new ApiError('conflict');
  if (err.validation) {
    // A malformed id in the path is an unknown resource, not bad input.
    if (err.validationContext === 'params') return new ApiError('not_found');
    return validationError(toFieldErrors(err.validation));
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('unsupported_media_type');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return validationError({ non_field_errors: [err.message] });
  }
  if (err.statusCode === 413) return new ApiError('payload_too_large');
  if (err.statusCode === 415) return new ApiError('unsupported_media_type');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500 && err.statusCode !== 404) {
    return validationError({ non_field_errors: [err.message] });
  }
  return null;
}

/**
 * Fastify's `frameworkErrors` option: errors raised before routing (a path with a malformed percent-escape,
 * FST_ERR_BAD_URL) would otherwise answer Fastify's own body; such a path names no resource.
 */
export function answerFrameworkError(_err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send(new ApiError('not_found').body());
}

export function registerErrorHandling(app: FastifyInstance): void {
  const known = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if ((METHODS as readonly string[]).includes(m) && !known.find(m as (typeof METHODS)[number], route.url)) {
        known.on(m as (typeof METHODS)[number], route.url, () => undefined);
      }
    }
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const apiError = err instanceof ApiError ? err : fromFastifyError(err);
    if (!apiError) {
      req.log.error({ err }, 'unhandled error');
      return reply.status(500).send(new ApiError('error').body());
    }
    for (const [k, v] of Object.entries(apiError.options.headers ?? {})) reply.header(k, v);
    return reply.status(apiError.status).send(apiError.body());
  });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    const allowed = METHODS.filter((m) => known.find(m, path) !== null);
    if (allowed.length > 0 && req.method !== 'OPTIONS') {
      reply.header('Allow', [...allowed, 'OPTIONS'].join(', '));
      return reply.status(405).send(new ApiError('method_not_allowed', `Method "${req.method}" not allowed.`).body());
    }
    if (allowed.length > 0 && req.method === 'OPTIONS') {
      reply.header('Allow', [...allowed, 'OPTIONS'].join(', '));
      return reply.status(204).send();
    }
    return reply.status(404).send(new ApiError('not_found').body());
  });
}
