// Google OAuth endpoints on the emulator origin: authorize (consent page or automatic consent), token,
// revoke, userinfo, OIDC discovery and JWKS.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { consentPage, errorPage } from './consent-page.js';
import type { IdTokenSigner } from './id-token.js';
import { normaliseScopes, OAuthError, type OAuthService } from './oauth.js';
import type { ProviderGuard } from './provider-guard.js';
import type { GoogleState } from './state.js';

export interface OAuthRouteDeps {
  state: GoogleState;
  oauth: OAuthService;
  guard: ProviderGuard;
  idTokens: IdTokenSigner;
  origin: () => string;
  autoConsent: boolean;
}

type Params = Record<string, string | undefined>;

const AUTH_PATH = '/o/oauth2/v2/auth';
const EMAIL_SCOPES = ['openid', 'https://www.googleapis.com/auth/userinfo.email', 'https://www.googleapis.com/auth/userinfo.profile'];

export function registerOAuthRoutes(app: FastifyInstance, d: OAuthRouteDeps): void {
  const redirect = (reply: FastifyReply, base: string, params: Params): FastifyReply => {
    const u = new URL(base);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
    return reply.redirect(u.toString(), 302);
  };

  /** Approve for `email` with the granted scopes and send the browser back with a code. */
  const approveAndRedirect = (reply: FastifyReply, q: Params, email: string, granted: string[]): FastifyReply => {
    d.state.ensureAccount(email);
    const code = d.oauth.approve({
      client_id: q.client_id!,
      email: email.toLowerCase(),
      redirect_uri: q.redirect_uri!,
      scopes: granted,
      accessType: q.access_type,
      prompt: q.prompt,
      includeGrantedScopes: q.include_granted_scopes === 'true',
      nonce: q.nonce,
      codeChallenge: q.code_challenge,
      codeChallengeMethod: q.code_challenge_method ?? (q.code_challenge ? 'plain' : undefined),
    });
    return redirect(reply, q.redirect_uri!, { state: q.state, code, scope: granted.join(' '), authuser: '0', prompt: 'consent' });
  };

  const authorize = (req: FastifyRequest, reply: FastifyReply, q: Params): FastifyReply => {
    try {
      d.oauth.checkAuthorizeClient(q.client_id, q.redirect_uri);
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      return reply.code(err.status).type('text/html').send(errorPage(err.status, err.error, err.description));
    }
    if (q.response_type !== 'code') return redirect(reply, q.redirect_uri!, { error: 'unsupported_response_type', state: q.state });
    const scopes = normaliseScopes(q.scope);
    if (!scopes.length) return reply.code(400).type('text/html').send(errorPage(400, 'invalid_request', 'Missing required parameter: scope'));
    const accounts = [...d.state.accounts.keys()];
    const hint = q.login_hint?.toLowerCase();
    if (q.prompt?.split(' ').includes('none')) {
      const email = hint ?? accounts.find((a) => d.state.grants.has(`${a}\n${q.client_id}`));
      const grant = email ? d.state.grants.get(`${email}\n${q.client_id}`) : undefined;
      if (!email) return redirect(reply, q.redirect_uri!, { error: 'interaction_required', state: q.state });
      if (!grant || !scopes.every((s) => grant.scopes.includes(s))) return redirect(reply, q.redirect_uri!, { error: 'consent_required', state: q.state });
      return approveAndRedirect(reply, { ...q, prompt: undefined }, email, scopes);
    }
    // Automatic consent for tests: ?auto_consent=<email|deny>[&auto_scopes=<granted subset>], or the option.
    const auto = q.auto_consent ?? (d.autoConsent ? (hint ?? accounts[0]) : undefined);
    if (auto === 'deny') return redirect(reply, q.redirect_uri!, { error: 'access_denied', state: q.state });
    if (auto) {
      const granted = q.auto_scopes ? normaliseScopes(q.auto_scopes).filter((s) => scopes.includes(s)) : scopes;
      return approveAndRedirect(reply, q, auto, granted);
    }
    const request = Buffer.from(JSON.stringify(q)).toString('base64url');
    return reply.type('text/html').send(consentPage({ clientId: q.client_id!, scopes, accounts, loginHint: hint, request, action: `${AUTH_PATH}/approve` }));
  };

  app.get(AUTH_PATH, (req, reply) => authorize(req, reply, req.query as Params));

  app.post(`${AUTH_PATH}/approve`, (req, reply) => {
    const form = req.body as Record<string, string | string[] | undefined>;
    let q: Params;
    try {
      q = JSON.parse(Buffer.from(String(form.request ?? ''), 'base64url').toString('utf8')) as Params;
      d.oauth.checkAuthorizeClient(q.client_id, q.redirect_uri);
    } catch {
      return reply.code(400).type('text/html').send(errorPage(400, 'invalid_request', 'The consent form was tampered with.'));
    }
    if (form.decision !== 'allow') return redirect(reply, q.redirect_uri!, { error: 'access_denied', state: q.state });
    const email = String(form.email ?? '').trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) return reply.code(400).type('text/html').send(errorPage(400, 'invalid_request', 'Enter an email address.'));
    const asked = normaliseScopes(q.scope);
    const ticked = ([] as string[]).concat(form.scope ?? []);
    return approveAndRedirect(reply, q, email, asked.filter((s) => ticked.includes(s)));
  });

  app.post('/token', async (req, reply) => {
    const form = { ...(req.query as Params), ...((req.body ?? {}) as Params) };
    if (await d.guard.apply(req, reply, d.oauth.accountOfTokenRequest(form), 'oauth')) return reply;
    try {
      if (!form.grant_type) throw new OAuthError(400, 'invalid_request', 'Required parameter is missing: grant_type');
      const client = d.oauth.authenticateClient(form, req.headers.authorization);
      if (form.grant_type === 'authorization_code') return await d.oauth.exchangeCode(client, form);
      if (form.grant_type === 'refresh_token') return await d.oauth.refresh(client, form);
      throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type}`);
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      return reply.code(err.status).send(err.body());
    }
  });

  app.post('/revoke', async (req, reply) => {
    const form = { ...(req.query as Params), ...((req.body ?? {}) as Params) };
    if (await d.guard.apply(req, reply, null, 'oauth')) return reply;
    if (!form.token || !d.oauth.revoke(form.token)) return reply.code(400).send({ error: 'invalid_token', error_description: 'Token expired or revoked' });
    return {};
  });

  const userinfo = (v2: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const tok = d.oauth.accessToken(req.headers.authorization);
    if (await d.guard.apply(req, reply, tok?.email ?? null, 'oauth')) return reply;
    if (!tok || !tok.scopes.some((s) => EMAIL_SCOPES.includes(s))) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"').send({ error: 'invalid_request', error_description: 'Invalid Credentials' });
    }
    const acc = d.state.ensureAccount(tok.email);
    const hd = acc.email.split('@')[1];
    const picture = `${d.origin()}/avatar/${acc.sub}.png`;
    if (v2) return { id: acc.sub, email: acc.email, verified_email: true, name: acc.name, picture };
    return { sub: acc.sub, name: acc.name, given_name: acc.name, picture, email: acc.email, email_verified: true, ...(hd && hd !== 'gmail.com' ? { hd } : {}) };
  };
  app.get('/oauth2/v3/userinfo', userinfo(false));
  app.get('/v1/userinfo', userinfo(false));
  app.get('/oauth2/v2/userinfo', userinfo(true));

  app.get('/.well-known/openid-configuration', () => {
    const o = d.origin();
    return {
      issuer: o,
      authorization_endpoint: `${o}${AUTH_PATH}`,
      token_endpoint: `${o}/token`,
      userinfo_endpoint: `${o}/v1/userinfo`,
      revocation_endpoint: `${o}/revoke`,
      jwks_uri: `${o}/oauth2/v3/certs`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      code_challenge_methods_supported: ['plain', 'S256'],
    };
  });
  app.get('/oauth2/v3/certs', () => ({ keys: [d.idTokens.jwk] }));
}
