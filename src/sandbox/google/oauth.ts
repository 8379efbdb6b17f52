// Google OAuth 2.0 rules: per-(user, client) grants, refresh tokens only on first consent or prompt=consent
// with access_type=offline, single-use codes, and the token endpoint's error bodies.
import { createHash } from 'node:crypto';
import { grantKey, randomToken, type GoogleState } from './state.js';
import type { AccessTokenRecord, GoogleClient } from './types.js';
import type { IdTokenSigner } from './id-token.js';
import { safeEqual } from '../../crypto/tokens.js';

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
  body(): Record<string, string> {
    return { error: this.error, error_description: this.description };
  }
}

const SHORT_SCOPES: Record<string, string> = {
  email: 'https://www.googleapis.com/auth/userinfo.email',
  profile: 'https://www.googleapis.com/auth/userinfo.profile',
};

/** Google echoes `email`/`profile` as their URL forms; `openid` stays as is. */
export function normaliseScopes(scope: string | undefined): string[] {
  const out: string[] = [];
  for (const s of (scope ?? '').split(/[\s,]+/).filter(Boolean)) {
    const full = SHORT_SCOPES[s] ?? s;
    if (!out.includes(full)) out.push(full);
  }
  return out;
}

export const CODE_TTL_MS = 10 * 60_000;

export interface ApproveInput {
  client_id: string;
  email: string;
  redirect_uri: string;
  scopes: string[];
  accessType: string | undefined;
  prompt: string | undefined;
  includeGrantedScopes: boolean;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

export class OAuthService {
  constructor(
    private readonly state: GoogleState,
    private readonly accessTtlSeconds: number,
    private readonly idTokens: IdTokenSigner,
  ) {}

  /** Register (or confirm) a client; an existing client keeps its secret unless one is given. */
  registerClient(clientId: string, secret?: string, redirectUris: string[] = []): GoogleClient {
    const existing = this.state.clients.get(clientId);
    const client: GoogleClient = {
      client_id: clientId,
      client_secret: secret ?? existing?.client_secret ?? `GOCSPX-${randomToken(21)}`,
      redirect_uris: redirectUris.length ? redirectUris : (existing?.redirect_uris ?? []),
    };
    this.state.clients.set(clientId, client);
    return client;
  }

  /** The authorize endpoint's client and redirect checks; errors are shown to the user, never redirected. */
  checkAuthorizeClient(clientId: string | undefined, redirectUri: string | undefined): GoogleClient {
    const client = clientId ? this.state.clients.get(clientId) : undefined;
    if (!client) throw new OAuthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (client.deleted) throw new OAuthError(401, 'deleted_client', 'The OAuth client was deleted.');
    if (!redirectUri) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: redirect_uri');
    if (client.redirect_uris.length && !client.redirect_uris.includes(redirectUri)) {
      throw new OAuthError(400, 'redirect_uri_mismatch', `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. redirect_uri=${redirectUri}`);
    }
    return client;
  }

  /** The user clicked Allow: record the grant and mint a code. */
  approve(input: ApproveInput): string {
    const key = grantKey(input.email, input.client_id);
    const previous = this.state.grants.get(key);
    const scopes = input.includeGrantedScopes && previous ? [...new Set([...previous.scopes, ...input.scopes])] : input.scopes;
    this.state.grants.set(key, { email: input.email, client_id: input.client_id, scopes });
    const consentShown = !previous || /\bconsent\b/.test(input.prompt ?? '');
    const code = `4/0A${randomToken(40)}`;
    this.state.codes.set(code, {
      client_id: input.client_id,
      email: input.email,
      redirect_uri: input.redirect_uri,
      scopes,
      issueRefresh: input.accessType === 'offline' && consentShown,
      wantsIdToken: scopes.includes('openid'),
      nonce: input.nonce,
      codeChallenge: input.codeChallenge,
      codeChallengeMethod: input.codeChallengeMethod,
      exp: Date.now() + CODE_TTL_MS,
      used: false,
    });
    return code;
  }

  /** client_secret_post or HTTP Basic. */
  authenticateClient(form: Record<string, string | undefined>, authorization: string | undefined): GoogleClient {
    let id = form.client_id;
    let secret = form.client_secret;
    if (authorization?.startsWith('Basic ')) {
      const [u, p] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
      id = decodeURIComponent(u ?? '');
      secret = decodeURIComponent(p ?? '');
    }
    const client = id ? this.state.clients.get(id) : undefined;
    if (!client) throw new OAuthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (client.deleted) throw new OAuthError(401, 'deleted_client', 'The OAuth client was deleted.');
    if (!safeEqual(secret ?? '', client.client_secret)) throw new OAuthError(401, 'invalid_client', 'Unauthorized');
    return client;
  }

  async exchangeCode(client: GoogleClient, form: Record<string, string | undefined>): Promise<Record<string, unknown>> {
    const code = form.code ?? '';
    const rec = this.state.codes.get(code);
    if (!rec) throw new OAuthError(400, 'invalid_grant', 'Malformed auth code.');
    if (rec.used) throw new OAuthError(400, 'invalid_grant', 'Code was already redeemed.');
    if (rec.exp <= Date.now() || rec.client_id !== client.client_id) throw new OAuthError(400, 'invalid_grant', 'Bad Request');
    if (form.redirect_uri !== rec.redirect_uri) throw new OAuthError(400, 'redirect_uri_mismatch', 'Bad Request');
    if (rec.codeChallenge) {
      const v = form.code_verifier;
      if (!v) throw new OAuthError(400, 'invalid_grant', 'Missing code verifier.');
      const derived = rec.codeChallengeMethod === 'S256' ? createHash('sha256').update(v).digest('base64url') : v;
      if (derived !== rec.codeChallenge) throw new OAuthError(400, 'invalid_grant', 'Invalid code verifier.');
    }
    rec.used = true;
    const body = this.issueAccess(rec.email, client.client_id, rec.scopes);
    if (rec.issueRefresh) body.refresh_token = this.issueRefresh(rec.email, client.client_id, rec.scopes);
    if (rec.wantsIdToken) body.id_token = await this.idTokens.sign(rec.email, client.client_id, rec.nonce);
    return body;
  }

  async refresh(client: GoogleClient, form: Record<string, string | undefined>): Promise<Record<string, unknown>> {
    const rec = this.state.refreshTokens.get(form.refresh_token ?? '');
    if (!rec) throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    if (rec.client_id !== client.client_id) throw new OAuthError(400, 'unauthorized_client', 'Unauthorized');
    const body = this.issueAccess(rec.email, rec.client_id, rec.scopes);
    if (rec.scopes.includes('openid')) body.id_token = await this.idTokens.sign(rec.email, rec.client_id);
    return body;
  }

  issueRefresh(email: string, clientId: string, scopes: string[]): string {
    const token = `1//0${randomToken(48)}`;
    this.state.refreshTokens.set(token, { email, client_id: clientId, scopes });
    return token;
  }

  issueAccess(email: string, clientId: string, scopes: string[]): Record<string, unknown> {
    this.state.pruneExpiredTokens();
    const token = `ya29.a0${randomToken(60)}`;
    this.state.accessTokens.set(token, { email, client_id: clientId, scopes, exp: Date.now() + this.accessTtlSeconds * 1000 });
    return { access_token: token, expires_in: this.accessTtlSeconds, scope: scopes.join(' '), token_type: 'Bearer' };
  }

  /** Revoking either token of a grant revokes the whole grant, as Google does. */
  revoke(token: string): boolean {
    const rec = this.state.refreshTokens.get(token) ?? this.state.accessTokens.get(token);
    if (!rec) return false;
    this.state.revokeAccount(rec.email, rec.client_id);
    return true;
  }

  /** Bearer check for API calls; null when missing, unknown or expired. */
  accessToken(authorization: string | undefined): AccessTokenRecord | null {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const rec = m ? this.state.accessTokens.get(m[1]!) : undefined;
    return rec && rec.exp > Date.now() ? rec : null;
  }

  /** Account a token-endpoint request concerns, for fault matching and the request log. */
  accountOfTokenRequest(form: Record<string, string | undefined>): string | null {
    return this.state.refreshTokens.get(form.refresh_token ?? '')?.email ?? this.state.codes.get(form.code ?? '')?.email ?? null;
  }
}
