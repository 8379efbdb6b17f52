// Microsoft failures → ProviderError kinds (providers.md §3.3, §4.2, §4.5, §5). Pure functions, unit-tested.
import { isObject, retryAfterMs, str } from '../http.js';
import { ProviderError } from '../provider.js';

/** Entra `error` values that mean the grant is dead (providers.md §5). */
const DEAD_GRANT = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'interaction_required', 'consent_required', 'invalid_scope']);
/** Graph codes that disconnect: permission removed, or no usable mailbox (§4.5). */
const ACCESS_LOST = new Set(['erroraccessdenied', 'authorization_requestdenied', 'mailboxnotenabledforrestapi']);
const SYNC_STATE = new Set(['syncstatenotfound', 'resyncrequired', 'syncstateinvalid']);

/** Token-endpoint errors; `code` is `AADSTS<first error_codes entry>`, else the `error` value. */
export function microsoftTokenError(status: number, body: unknown, retryAfter: string | null): ProviderError {
  const error = isObject(body) ? str(body.error) : undefined;
  const codes = isObject(body) && Array.isArray(body.error_codes) ? body.error_codes : [];
  const first = codes.find((c) => typeof c === 'number' || (typeof c === 'string' && /^\d+$/.test(c)));
  const code = first !== undefined ? `AADSTS${String(first)}` : error;
  // error_description is for humans and may carry trace ids; the code is what callers branch on.
  const msg = `Microsoft token endpoint: ${status} ${error ?? ''}${code && code !== error ? ` ${code}` : ''}`.trim();
  const wait = retryAfterMs(retryAfter);
  const details = { status, ...(code ? { code } : {}), ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  if (error && DEAD_GRANT.has(error)) return new ProviderError('auth_revoked', msg, details);
  if (status === 429) return new ProviderError('rate_limited', msg, details);
  if (status >= 500 || error === 'temporarily_unavailable') return new ProviderError('transient', msg, details);
  return new ProviderError('invalid_request', msg, details);
}

/** Graph errors (`{error:{code,message}}` envelopes). */
export function graphError(status: number, body: unknown, retryAfter: string | null): ProviderError {
  const envelope = isObject(body) && isObject(body.error) ? body.error : undefined;
  const code = str(envelope?.code);
  const message = str(envelope?.message) ?? '';
  const lower = code?.toLowerCase() ?? '';
  const msg = `Microsoft Graph: ${status}${code ? ` ${code}` : ''}${message ? ` (${message})` : ''}`;
  const wait = retryAfterMs(retryAfter);
  const details = { status, ...(code ? { code } : {}), ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  if (status === 410 || SYNC_STATE.has(lower)) return new ProviderError('sync_state_expired', msg, details);
  if (status === 429) return new ProviderError('rate_limited', msg, details);
  if (status === 401) return new ProviderError('unauthorized', msg, details);
  if ((status === 403 || status === 404) && (ACCESS_LOST.has(lower) || /mailbox is either inactive/i.test(message))) {
    return new ProviderError('auth_revoked', msg, details);
  }
  if (status === 404) return new ProviderError('not_found', msg, details);
  if (status >= 500) return new ProviderError('transient', msg, details);
  return new ProviderError('invalid_request', msg, details);
}
