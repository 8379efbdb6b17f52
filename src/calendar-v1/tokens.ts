// Calendar auth tokens (api-contract §3.3): compact HS256 JWTs with iss "rollcall", sub = calendar user id,
// wid = workspace id, valid 24 h; signed with the workspace's secret, which is stored encrypted.
import { randomBytes } from 'node:crypto';
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ensureTokenSecret, replaceTokenSecret, tokenSecretAndUser } from '../db/calendar-v1-secrets.js';
import type { Queryable } from '../db/pool.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';

export const TOKEN_TTL_SECONDS = 86_400;
const ISSUER = 'rollcall';
const LEEWAY_SECONDS = 30;
const UNAUTHENTICATED = { 'WWW-Authenticate': 'Token' };

export interface TokenSubject {
  workspaceId: string;
  calendarUserId: string;
}

async function workspaceSecret(deps: Deps, db: Queryable, workspaceId: string): Promise<Uint8Array> {
  const enc = await ensureTokenSecret(db, workspaceId, deps.secrets.encrypt(randomBytes(32).toString('base64url')));
  return new TextEncoder().encode(deps.secrets.decrypt(enc));
}

export async function mintCalendarToken(deps: Deps, subject: TokenSubject, now = Date.now()): Promise<string> {
  const key = await workspaceSecret(deps, deps.pool, subject.workspaceId);
  const iat = Math.floor(now / 1000);
  return new SignJWT({ wid: subject.workspaceId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setSubject(subject.calendarUserId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TOKEN_TTL_SECONDS)
    .sign(key);
}

/** Replaces the workspace's signing secret: every token minted before is invalid from now on. */
export async function rotateCalendarTokenSecret(deps: Deps, workspaceId: string): Promise<void> {
  await replaceTokenSecret(deps.pool, workspaceId, deps.secrets.encrypt(randomBytes(32).toString('base64url')));
}

export type TokenFailure = 'invalid' | 'expired';

export class CalendarTokenError extends Error {
  constructor(readonly reason: TokenFailure) {
    super(reason === 'expired' ? 'The auth token has expired.' : 'The auth token supplied is invalid.');
  }

  toApiError(): ApiError {
    return this.reason === 'expired'
      ? new ApiError('token_expired', undefined, { headers: UNAUTHENTICATED })
      : new ApiError('authentication_failed', 'The auth token supplied is invalid.', { headers: UNAUTHENTICATED });
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks signature, issuer, expiry (30 s leeway) and that the user still exists in the token's workspace.
 * Throws CalendarTokenError. The signature is checked before expiry, so a forged expired token is "invalid".
 */
export async function verifyCalendarToken(deps: Deps, token: string): Promise<TokenSubject> {
  let wid: unknown;
  let sub: unknown;
  try {
    ({ wid, sub } = decodeJwt(token));
  } catch {
    throw new CalendarTokenError('invalid');
  }
  if (typeof wid !== 'string' || typeof sub !== 'string' || !UUID_RE.test(wid) || !UUID_RE.test(sub)) throw new CalendarTokenError('invalid');
  const found = await tokenSecretAndUser(deps.pool, wid, sub);
  if (!found.secret_enc) throw new CalendarTokenError('invalid');
  try {
    await jwtVerify(token, new TextEncoder().encode(deps.secrets.decrypt(found.secret_enc)), {
      issuer: ISSUER,
      algorithms: ['HS256'],
      clockTolerance: LEEWAY_SECONDS,
      requiredClaims: ['exp', 'iat', 'sub'],
    });
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new CalendarTokenError('expired');
    throw new CalendarTokenError('invalid');
  }
  if (!found.user_exists) throw new CalendarTokenError('invalid');
  return { workspaceId: wid, calendarUserId: sub };
}
