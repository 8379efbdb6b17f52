// OpenID Connect id_tokens signed with a per-process RSA key; the JWKS is served so tests can verify them.
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { GoogleState } from './state.js';

type KeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export class IdTokenSigner {
  private constructor(
    private readonly key: KeyLike,
    readonly jwk: JWK,
    private readonly issuer: () => string,
    private readonly state: GoogleState,
  ) {}

  static async create(issuer: () => string, state: GoogleState): Promise<IdTokenSigner> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: `sandbox-${Date.now().toString(36)}`, alg: 'RS256', use: 'sig' };
    return new IdTokenSigner(privateKey, jwk, issuer, state);
  }

  async sign(email: string, clientId: string, nonce?: string): Promise<string> {
    const acc = this.state.accounts.get(email);
    const claims: Record<string, unknown> = { azp: clientId, email, email_verified: true, name: acc?.name };
    const hd = email.split('@')[1];
    if (hd && !/^(gmail|googlemail)\.com$/.test(hd)) claims.hd = hd;
    if (nonce) claims.nonce = nonce;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.jwk.kid, typ: 'JWT' })
      .setIssuer(this.issuer())
      .setAudience(clientId)
      .setSubject(acc?.sub ?? email)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(this.key);
  }
}
