// Entra token issuance: clients, grants, authorization codes, rotating refresh tokens and opaque access tokens.
// Rotation follows providers.md §3.2: every refresh returns a new refresh token and the presented one stays
// valid — each refresh token lives until it has been unused for `refreshTokenInactivitySeconds` (90 days by
// default, AADSTS700082 after that) or its grant is revoked (AADSTS50173).
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { aadError, type AadError } from './errors.js';
import { opaqueToken, uuid } from './ids.js';
import { missingScopes, normaliseScopes, responseScope } from './scopes.js';
import type { Store } from './store.js';
import type { AccessTokenRec, AccountData, ClientRec, GrantRec } from './types.js';
import { safeEqual } from '../../crypto/tokens.js';

export interface TokenSettings {
  accessTokenTtlSeconds: number;
  refreshTokenInactivitySeconds: number;
}

export type TokenOutcome = { ok: true; body: Record<string, unknown> } | { ok: false; err: AadError };

const CODE_TTL_MS = 10 * 60_000;
const fail = (code: number, vars?: Record<string, string>): TokenOutcome => ({ ok: false, err: aadError(code, vars) });

export class Identity {
  private readonly key: { privateKey: KeyObject; publicKey: KeyObject; kid: string };

  constructor(
    private readonly store: Store,
    private readonly settings: TokenSettings,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.key = { privateKey, publicKey, kid: createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('base64url').slice(0, 27) };
  }

  jwks(): Record<string, unknown> {
    return { keys: [{ ...this.key.publicKey.export({ format: 'jwk' }), kid: this.key.kid, use: 'sig', kty: 'RSA', alg: 'RS256' }] };
  }

  /** Register a client, or return the known one (a known client keeps its secret). */
  ensureClient(clientId: string, secret?: string | null, extra: Partial<ClientRec> = {}): ClientRec {
    let c = this.store.clients.get(clientId);
    if (!c) {
      c = { clientId, clientSecret: secret ?? null, redirectUris: [], singleTenant: false, ...extra };
      this.store.clients.set(clientId, c);
    } else {
      if (c.clientSecret === null && secret) c.clientSecret = secret;
      if (extra.redirectUris) c.redirectUris = extra.redirectUris;
      if (extra.singleTenant !== undefined) c.singleTenant = extra.singleTenant;
    }
    this.store.changed();
    return c;
  }

  /** Client authentication for the token endpoint (invalid_client AADSTS7000215 on a wrong secret). */
  authenticateClient(clientId: string | undefined, secret: string | undefined, tenant: string): TokenOutcome | ClientRec {
    if (!clientId) return fail(900144, { param: 'client_id' });
    const client = this.store.clients.get(clientId);
    if (!client) return fail(700016, { client: clientId });
    if (client.singleTenant && tenant === 'common') return fail(50194, { client: clientId });
    if (!secret) return fail(7000218);
    if (client.clientSecret === null) client.clientSecret = secret; // adopted on first use (see docs)
    if (!safeEqual(client.clientSecret, secret ?? '')) return fail(7000215);
    return client;
  }

  grantFor(email: string, clientId: string, scopes: string[]): GrantRec {
    const existing = [...this.store.grants.values()].find((g) => g.email === email && g.clientId === clientId && !g.revoked);
    if (existing) {
      existing.scopes = [...new Set([...existing.scopes, ...scopes])];
      return existing;
    }
    const grant: GrantRec = { id: uuid(), email, clientId, scopes, revoked: false, createdAt: Date.now() };
    this.store.grants.set(grant.id, grant);
    this.store.changed();
    return grant;
  }

  hasGrant(email: string, clientId: string, scopes: string[]): boolean {
    return [...this.store.grants.values()].some((g) => g.email === email && g.clientId === clientId && !g.revoked && !missingScopes(g.scopes, scopes).length);
  }

  newRefreshToken(grant: GrantRec): string {
    const token = opaqueToken('1.AXkA', 96);
    const now = Date.now();
    this.store.refreshTokens.set(token, { grantId: grant.id, issuedAt: now, lastUsedAt: now });
    this.store.changed();
    return token;
  }

  newCode(rec: Omit<import('./types.js').AuthCodeRec, 'expiresAt' | 'used'>): string {
    const code = opaqueToken('1.AXkA', 64);
    this.store.codes.set(code, { ...rec, expiresAt: Date.now() + CODE_TTL_MS, used: false });
    return code;
  }

  accessToken(token: string): AccessTokenRec | undefined {
    return this.store.accessTokens.get(token);
  }

  /** Revoke every grant and token of an account (control API). */
  revoke(email: string): void {
    for (const g of this.store.grants.values()) if (g.email === email) g.revoked = true;
    for (const [t, rec] of this.store.accessTokens) if (rec.email === email) this.store.accessTokens.delete(t);
    this.store.changed();
  }

  redeemCode(client: ClientRec, p: Record<string, string | undefined>): TokenOutcome {
    if (!p.code) return fail(900144, { param: 'code' });
    const rec = this.store.codes.get(p.code);
    if (!rec || rec.clientId !== client.clientId) return fail(70000);
    if (rec.used) return fail(54005);
    if (rec.expiresAt < Date.now()) return fail(70008);
    rec.used = true;
    if (p.redirect_uri !== rec.redirectUri) return fail(50011, { redirect: p.redirect_uri ?? '', client: client.clientId });
    if (rec.codeChallenge) {
      if (!p.code_verifier) return fail(900144, { param: 'code_verifier' });
      const computed = rec.codeChallengeMethod === 'S256' ? createHash('sha256').update(p.code_verifier).digest('base64url') : p.code_verifier;
      if (computed !== rec.codeChallenge) return fail(501481);
    }
    const grant = this.store.grants.get(rec.grantId);
    const acc = this.store.account(rec.email);
    if (!grant || !acc || grant.revoked) return fail(50173);
    if (acc.rec.grantError) return fail(acc.rec.grantError, { client: client.clientId });
    return { ok: true, body: this.issue(acc, grant, rec.scopes, rec.nonce, true) };
  }

  refresh(client: ClientRec, p: Record<string, string | undefined>): TokenOutcome {
    if (!p.refresh_token) return fail(900144, { param: 'refresh_token' });
    const rt = this.store.refreshTokens.get(p.refresh_token);
    const grant = rt && this.store.grants.get(rt.grantId);
    if (!rt || !grant || grant.clientId !== client.clientId) return fail(70000);
    const acc = this.store.account(grant.email);
    if (!acc) return fail(70000);
    const issued = new Date(rt.issuedAt).toISOString().replace(/\.\d+Z$/, 'Z');
    if (grant.revoked) return fail(50173, { issued });
    if (acc.rec.grantError) return fail(acc.rec.grantError, { issued, client: client.clientId });
    if (Date.now() - rt.lastUsedAt > this.settings.refreshTokenInactivitySeconds * 1000) return fail(700082, { issued });
    const requested = p.scope ? normaliseScopes(p.scope) : grant.scopes;
    if (missingScopes(grant.scopes, requested).length) return fail(65001);
    rt.lastUsedAt = Date.now(); // use extends the presented token's lifetime too; it is not revoked
    this.store.changed();
    return { ok: true, body: this.issue(acc, grant, requested, null, grant.scopes.includes('offline_access')) };
  }

  private issue(acc: AccountData, grant: GrantRec, scopes: string[], nonce: string | null, withRefresh: boolean): Record<string, unknown> {
    const ttl = this.settings.accessTokenTtlSeconds;
    const access = opaqueToken('EwB4A8l6BAAU', 96);
    this.store.accessTokens.set(access, { email: acc.rec.email, clientId: grant.clientId, grantId: grant.id, scopes, expiresAt: Date.now() + ttl * 1000 });
    this.pruneAccessTokens();
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: responseScope(scopes),
      expires_in: ttl,
      ext_expires_in: ttl,
      access_token: access,
    };
    if (withRefresh && scopes.includes('offline_access')) body.refresh_token = this.newRefreshToken(grant);
    if (scopes.includes('openid')) body.id_token = this.idToken(acc, grant.clientId, scopes, nonce);
    this.store.changed();
    return body;
  }

  private idToken(acc: AccountData, clientId: string, scopes: string[], nonce: string | null): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      aud: clientId,
      iss: `https://login.microsoftonline.com/${acc.rec.tenantId}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: acc.rec.name,
      oid: acc.rec.id,
      preferred_username: acc.rec.email,
      sub: createHash('sha256').update(`${acc.rec.id}:${clientId}`).digest('base64url').slice(0, 43),
      tid: acc.rec.tenantId,
      ver: '2.0',
      ...(scopes.includes('email') ? { email: acc.rec.email } : {}),
      ...(nonce ? { nonce } : {}),
    };
    const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${enc({ typ: 'JWT', alg: 'RS256', kid: this.key.kid })}.${enc(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), this.key.privateKey).toString('base64url')}`;
  }

  private pruneAccessTokens(): void {
    if (this.store.accessTokens.size < 10_000) return;
    const now = Date.now();
    for (const [t, rec] of this.store.accessTokens) if (rec.expiresAt < now) this.store.accessTokens.delete(t);
  }
}
