// Google failures → ProviderError kinds (providers.md §1.6, §2.9, §5). Pure functions over status, body and
// the Retry-After header, so the classification table is unit-tested without a server.
import { isObject, retryAfterMs, str } from '../http.js';
import { ProviderError } from '../provider.js';

/** Token-endpoint `error` values that mean the grant is dead (providers.md §5). */
const DEAD_GRANT = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'deleted_client', 'invalid_scope']);
const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

/** Errors of the OAuth token endpoint (flat `{error, error_description}` bodies). */
export function googleTokenError(status: number, body: unknown, retryAfter: string | null): ProviderError {
  const error = isObject(body) ? str(body.error) : undefined;
  const description = isObject(body) ? str(body.error_description) : undefined;
  const msg = `Google token endpoint: ${status} ${error ?? ''}${description ? ` (${description})` : ''}`.trim();
  const details = { status, ...(error ? { code: error } : {}) };
  if (error && DEAD_GRANT.has(error)) return new ProviderError('auth_revoked', msg, details);
  const wait = retryAfterMs(retryAfter);
  if (status === 429) return new ProviderError('rate_limited', msg, { ...details, ...(wait !== undefined ? { retryAfterMs: wait } : {}) });
  if (status >= 500 || error === 'temporarily_unavailable') return new ProviderError('transient', msg, { ...details, ...(wait !== undefined ? { retryAfterMs: wait } : {}) });
  return new ProviderError('invalid_request', msg, details);
}

/** Errors of the Calendar API and userinfo (`{error:{code, message, errors:[{reason}]}}` envelopes). */
export function googleApiError(status: number, body: unknown, retryAfter: string | null): ProviderError {
  const envelope = isObject(body) && isObject(body.error) ? body.error : undefined;
  const first = envelope && Array.isArray(envelope.errors) && isObject(envelope.errors[0]) ? envelope.errors[0] : undefined;
  const reason = str(first?.reason) ?? (isObject(body) ? str(body.error) : undefined);
  const message = str(envelope?.message) ?? str(first?.message) ?? '';
  const msg = `Google API: ${status}${reason ? ` ${reason}` : ''}${message ? ` (${message})` : ''}`;
  const wait = retryAfterMs(retryAfter);
  const details = { status, ...(reason ? { code: reason } : {}), ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  // Google reports rate limits as 403 or 429; both back off (providers.md §2.9).
  if (status === 429 || (status === 403 && reason && RATE_REASONS.has(reason))) return new ProviderError('rate_limited', msg, details);
  if (status === 403 && (reason === 'insufficientPermissions' || /ACCESS_TOKEN_SCOPE_INSUFFICIENT/.test(JSON.stringify(body ?? '')))) {
    return new ProviderError('auth_revoked', msg, { ...details, code: reason ?? 'insufficientPermissions' });
  }
  if (status === 401) return new ProviderError('unauthorized', msg, details);
  if (status === 410) return new ProviderError('sync_state_expired', msg, details);
  if (status === 404) return new ProviderError('not_found', msg, details);
  if (status >= 500) return new ProviderError('transient', msg, details);
  return new ProviderError('invalid_request', msg, details);
}
