// The classification tables of providers.md §5, over the error bodies the providers document.
import { describe, expect, it } from 'vitest';
import { googleApiError, googleTokenError } from '../../src/providers/google/errors.js';
import { retryAfterMs } from '../../src/providers/http.js';
import { graphError, microsoftTokenError } from '../../src/providers/microsoft/errors.js';

const gApi = (status: number, reason: string, message = 'm') => ({ error: { errors: [{ domain: 'x', reason, message }], code: status, message } });
const graph = (code: string, message = 'm') => ({ error: { code, message } });
const kind = (e: { kind: string; details: { code?: string; retryAfterMs?: number } }) => [e.kind, e.details.code, e.details.retryAfterMs];

describe('Google classification', () => {
  it('token endpoint', () => {
    for (const error of ['invalid_grant', 'invalid_client', 'unauthorized_client', 'deleted_client', 'invalid_scope']) {
      expect(kind(googleTokenError(400, { error, error_description: 'Token has been expired or revoked.' }, null))).toEqual(['auth_revoked', error, undefined]);
    }
    expect(kind(googleTokenError(429, { error: 'rate_limit_exceeded' }, '3'))).toEqual(['rate_limited', 'rate_limit_exceeded', 3000]);
    expect(googleTokenError(503, {}, null).kind).toBe('transient');
    expect(googleTokenError(400, { error: 'temporarily_unavailable' }, null).kind).toBe('transient');
    expect(googleTokenError(400, { error: 'redirect_uri_mismatch' }, null).kind).toBe('invalid_request');
  });

  it('Calendar API', () => {
    expect(kind(googleApiError(403, gApi(403, 'rateLimitExceeded'), null))).toEqual(['rate_limited', 'rateLimitExceeded', undefined]);
    expect(kind(googleApiError(429, gApi(429, 'rateLimitExceeded'), '2'))).toEqual(['rate_limited', 'rateLimitExceeded', 2000]);
    expect(googleApiError(403, gApi(403, 'userRateLimitExceeded'), null).kind).toBe('rate_limited');
    expect(googleApiError(403, gApi(403, 'quotaExceeded'), null).kind).toBe('rate_limited');
    expect(kind(googleApiError(403, gApi(403, 'insufficientPermissions'), null))).toEqual(['auth_revoked', 'insufficientPermissions', undefined]);
    expect(googleApiError(403, { error: { code: 403, message: 'x', details: [{ reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }] } }, null).kind).toBe('auth_revoked');
    expect(googleApiError(401, gApi(401, 'authError'), null).kind).toBe('unauthorized');
    expect(kind(googleApiError(410, gApi(410, 'fullSyncRequired'), null))).toEqual(['sync_state_expired', 'fullSyncRequired', undefined]);
    expect(googleApiError(404, gApi(404, 'notFound'), null).kind).toBe('not_found');
    expect(googleApiError(500, gApi(500, 'backendError'), null).kind).toBe('transient');
    expect(googleApiError(502, 'not json', null).kind).toBe('transient');
    expect(googleApiError(400, gApi(400, 'invalid'), null).kind).toBe('invalid_request');
    expect(googleApiError(403, gApi(403, 'forbiddenForNonOrganizer'), null).kind).toBe('invalid_request');
  });
});

describe('Microsoft classification', () => {
  it('token endpoint: AADSTS codes', () => {
    const body = (error: string, code?: number) => ({ error, error_description: `AADSTS${code}: …`, ...(code ? { error_codes: [code, 1] } : {}) });
    expect(kind(microsoftTokenError(400, body('invalid_grant', 700082), null))).toEqual(['auth_revoked', 'AADSTS700082', undefined]);
    expect(kind(microsoftTokenError(401, body('invalid_client', 7000222), null))).toEqual(['auth_revoked', 'AADSTS7000222', undefined]);
    expect(kind(microsoftTokenError(400, body('interaction_required', 50076), null))).toEqual(['auth_revoked', 'AADSTS50076', undefined]);
    expect(kind(microsoftTokenError(400, body('consent_required'), null))).toEqual(['auth_revoked', 'consent_required', undefined]);
    expect(microsoftTokenError(503, body('temporarily_unavailable', 90033), null).kind).toBe('transient');
    expect(microsoftTokenError(400, body('temporarily_unavailable', 90033), null).kind).toBe('transient');
    expect(kind(microsoftTokenError(429, {}, '1.5'))).toEqual(['rate_limited', undefined, 1500]);
    expect(microsoftTokenError(400, body('invalid_request', 900144), null).kind).toBe('invalid_request');
  });

  it('Graph', () => {
    expect(kind(graphError(410, graph('SyncStateNotFound'), null))).toEqual(['sync_state_expired', 'SyncStateNotFound', undefined]);
    expect(graphError(400, graph('resyncRequired'), null).kind).toBe('sync_state_expired');
    expect(kind(graphError(429, graph('TooManyRequests'), '2.128'))).toEqual(['rate_limited', 'TooManyRequests', 2128]);
    expect(graphError(503, graph('ServiceNotAvailable'), null).kind).toBe('transient');
    expect(graphError(504, {}, null).kind).toBe('transient');
    expect(graphError(401, graph('InvalidAuthenticationToken'), null).kind).toBe('unauthorized');
    expect(kind(graphError(403, graph('ErrorAccessDenied'), null))).toEqual(['auth_revoked', 'ErrorAccessDenied', undefined]);
    expect(graphError(403, graph('Authorization_RequestDenied'), null).kind).toBe('auth_revoked');
    expect(kind(graphError(404, graph('MailboxNotEnabledForRESTAPI'), null))).toEqual(['auth_revoked', 'MailboxNotEnabledForRESTAPI', undefined]);
    expect(graphError(404, graph('ResourceNotFound', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.'), null).kind).toBe('auth_revoked');
    expect(graphError(404, graph('ErrorItemNotFound'), null).kind).toBe('not_found');
    expect(graphError(400, graph('ErrorInvalidIdMalformed'), null).kind).toBe('invalid_request');
  });
});

describe('retryAfterMs', () => {
  it('reads seconds, fractions, zero and HTTP dates', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs('2.128')).toBe(2128);
    expect(retryAfterMs('0')).toBe(0);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
