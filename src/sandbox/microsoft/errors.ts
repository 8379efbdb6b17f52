// Error bodies in the two shapes Microsoft uses: Graph's `{error:{code,message,innerError}}` and Entra's
// AADSTS token-endpoint errors (providers.md §3.3, §4.5).
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { uuid } from './ids.js';

export function graphErrorBody(code: string, message: string): Record<string, unknown> {
  const date = DateTime.utc().toFormat("yyyy-LL-dd'T'HH:mm:ss");
  return { error: { code, message, innerError: { date, 'request-id': uuid(), 'client-request-id': uuid() } } };
}

export function sendGraphError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json').send(graphErrorBody(code, message));
}

/** Graph error code and message a fault (or emulated condition) with this status produces. */
export function graphErrorFor(status: number): { code: string; message: string } {
  switch (status) {
    case 400:
      return { code: 'ErrorInvalidIdMalformed', message: 'Id is malformed.' };
    case 401:
      return { code: 'InvalidAuthenticationToken', message: 'Lifetime validation failed, the token is expired.' };
    case 403:
      return { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' };
    case 404:
      return { code: 'MailboxNotEnabledForRESTAPI', message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.' };
    case 410:
      return { code: 'SyncStateNotFound', message: 'The sync state generation is not found; generation=1;[highest=2][2].' };
    case 429:
      return { code: 'TooManyRequests', message: 'Please retry again later.' };
    case 503:
    case 504:
      return { code: 'ServiceNotAvailable', message: 'The service is temporarily unavailable. Please retry later.' };
    default:
      return { code: 'generalException', message: 'An unexpected error occurred.' };
  }
}

const AADSTS: Record<number, { error: string; message: string }> = {
  700082: { error: 'invalid_grant', message: 'The refresh token has expired due to inactivity. The token was issued on {issued} and was inactive for 90.00:00:00.' },
  70008: { error: 'invalid_grant', message: 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.' },
  70000: { error: 'invalid_grant', message: 'The provided value for the input parameter is not valid.' },
  50173: { error: 'invalid_grant', message: "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '{issued}' and the TokensValidFrom date (before which tokens are not valid) for this user is '{now}'." },
  70043: { error: 'invalid_grant', message: 'The refresh token has expired or is invalid due to sign-in frequency checks by conditional access.' },
  50132: { error: 'invalid_grant', message: 'The session has been revoked or has expired due to password expiry.' },
  50133: { error: 'invalid_grant', message: 'Session is invalid due to expiration or recent password change.' },
  50076: { error: 'interaction_required', message: 'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.' },
  50079: { error: 'interaction_required', message: 'Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication.' },
  50078: { error: 'interaction_required', message: 'Presented multi-factor authentication has expired due to policies configured by your administrator.' },
  65001: { error: 'invalid_grant', message: "The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource." },
  53003: { error: 'invalid_grant', message: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.' },
  54005: { error: 'invalid_grant', message: 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.' },
  501481: { error: 'invalid_grant', message: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.' },
  50148: { error: 'invalid_grant', message: 'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.' },
  7000215: { error: 'invalid_client', message: 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.' },
  7000218: { error: 'invalid_client', message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." },
  7000222: { error: 'invalid_client', message: 'The provided client secret keys for app are expired. Visit the Azure portal to create new keys for your app.' },
  700016: { error: 'unauthorized_client', message: "Application with identifier '{client}' was not found in the directory." },
  50194: { error: 'invalid_request', message: "Application '{client}' is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'." },
  70011: { error: 'invalid_scope', message: 'The provided request must include a \'scope\' input parameter. The provided value for the input parameter \'scope\' is not valid.' },
  900144: { error: 'invalid_request', message: "The request body must contain the following parameter: '{param}'." },
  70003: { error: 'unsupported_grant_type', message: 'The app requested an unsupported grant type.' },
  50011: { error: 'invalid_request', message: "The redirect URI '{redirect}' specified in the request does not match the redirect URIs configured for the application '{client}'." },
  50058: { error: 'login_required', message: 'A silent sign-in request was sent but no user is signed in.' },
  65004: { error: 'access_denied', message: 'User declined to consent to access the app.' },
  90033: { error: 'temporarily_unavailable', message: 'A transient error has occurred. Please try again.' },
};

export function isKnownAadsts(code: number): boolean {
  return code in AADSTS;
}

export interface AadError {
  status: number;
  body: Record<string, unknown>;
}

/** Entra error body: error, error_description (AADSTS code, trace and correlation ids), error_codes, timestamp... */
export function aadError(code: number, vars: Record<string, string> = {}): AadError {
  const def = AADSTS[code] ?? { error: 'invalid_request', message: 'The request is not valid.' };
  const timestamp = DateTime.utc().toFormat("yyyy-LL-dd HH:mm:ss'Z'");
  const traceId = uuid();
  const correlationId = uuid();
  const message = def.message.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? (k === 'now' ? timestamp : ''));
  return {
    status: def.error === 'invalid_client' ? 401 : def.error === 'temporarily_unavailable' ? 503 : 400,
    body: {
      error: def.error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

export function sendAad(reply: FastifyReply, err: AadError): FastifyReply {
  return reply.code(err.status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(err.body);
}
