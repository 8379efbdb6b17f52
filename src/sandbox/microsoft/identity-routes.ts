// Entra ID v2.0 endpoints: authorize (consent page, auto mode, query/fragment/form_post), token (code and
// refresh grants), OpenID metadata and keys (providers.md §3).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { consentPage, errorPage, formPostPage } from './consent-page.js';
import { aadError, sendAad } from './errors.js';
import { uuid } from './ids.js';
import { normaliseScopes } from './scopes.js';
import { originOf, type Ctx } from './context.js';

type Params = Record<string, string | undefined>;

function redirect(reply: FastifyReply, p: Params, fields: Params): FastifyReply {
  const mode = p.response_mode ?? 'query';
  const all = { ...fields, state: p.state };
  if (mode === 'form_post') return reply.type('text/html; charset=utf-8').send(formPostPage(p.redirect_uri!, all));
  const qs = new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  const url = new URL(p.redirect_uri!);
  if (mode === 'fragment') url.hash = qs;
  else url.search = url.search ? `${url.search.slice(1)}&${qs}` : qs;
  return reply.redirect(url.toString(), 302);
}

function redirectError(reply: FastifyReply, p: Params, code: number, error?: string): FastifyReply {
  const body = aadError(code).body;
  return redirect(reply, p, { error: error ?? String(body.error), error_description: String(body.error_description), error_uri: String(body.error_uri) });
}

export function registerIdentityRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { identity, store } = ctx;

  /** Checks that must pass before anything can be redirected; answers with an error page otherwise. */
  const precheck = (tenant: string, p: Params, reply: FastifyReply): boolean => {
    const show = (code: number, vars: Record<string, string> = {}): boolean => {
      const e = aadError(code, vars).body;
      void reply.code(400).type('text/html; charset=utf-8').send(errorPage(`AADSTS${code}`, String(e.error_description)));
      return false;
    };
    if (!p.client_id) return show(900144, { param: 'client_id' });
    if (!p.redirect_uri) return show(900144, { param: 'redirect_uri' });
    // Unknown clients are registered on the fly (the sandbox has no app registration portal).
    const client = identity.ensureClient(p.client_id);
    if (client.singleTenant && tenant === 'common') return show(50194, { client: client.clientId });
    if (client.redirectUris.length && !client.redirectUris.includes(p.redirect_uri)) return show(50011, { redirect: p.redirect_uri, client: client.clientId });
    try {
      new URL(p.redirect_uri);
    } catch {
      return show(50011, { redirect: p.redirect_uri, client: client.clientId });
    }
    return true;
  };

  const issueCode = (reply: FastifyReply, p: Params, email: string, scopes: string[]): FastifyReply => {
    const acc = store.ensureAccount(email);
    const grant = identity.grantFor(acc.rec.email, p.client_id!, scopes);
    const code = identity.newCode({
      email: acc.rec.email,
      clientId: p.client_id!,
      grantId: grant.id,
      redirectUri: p.redirect_uri!,
      scopes,
      codeChallenge: p.code_challenge ?? null,
      codeChallengeMethod: p.code_challenge ? (p.code_challenge_method ?? 'plain') : null,
      nonce: p.nonce ?? null,
    });
    return redirect(reply, p, { code, session_state: uuid() });
  };

  app.get<{ Params: { tenant: string }; Querystring: Params }>('/:tenant/oauth2/v2.0/authorize', async (req, reply) => {
    const p = req.query;
    if (!precheck(req.params.tenant, p, reply)) return reply;
    if (p.response_type !== 'code') return redirectError(reply, p, 900144, 'unsupported_response_type');
    if (p.response_mode && !['query', 'fragment', 'form_post'].includes(p.response_mode)) return redirectError(reply, p, 900144, 'invalid_request');
    const scopes = normaliseScopes(p.scope);
    if (!scopes.length) return redirectError(reply, p, 900144, 'invalid_request');
    const hint = p.login_hint?.toLowerCase();
    if (p.prompt === 'none') {
      if (!hint || !store.account(hint)) return redirectError(reply, p, 50058, 'login_required');
      if (!identity.hasGrant(hint, p.client_id!, scopes)) return redirectError(reply, p, 65001, 'consent_required');
      return issueCode(reply, p, hint, scopes);
    }
    if (ctx.settings.autoConsent) {
      const email = hint ?? store.accounts.keys().next().value;
      if (!email) return redirectError(reply, p, 50058, 'login_required');
      return issueCode(reply, p, email, scopes);
    }
    const html = consentPage({
      action: `/${encodeURIComponent(req.params.tenant)}/oauth2/v2.0/authorize`,
      clientId: p.client_id!,
      scopes,
      loginHint: hint ?? '',
      known: [...store.accounts.keys()],
      params: p,
    });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  // The consent form posts back here with the original parameters plus `login` and `consent`.
  app.post<{ Params: { tenant: string }; Body: Params }>('/:tenant/oauth2/v2.0/authorize', async (req, reply) => {
    const p = { ...(req.body ?? {}) };
    if (!precheck(req.params.tenant, p, reply)) return reply;
    if (p.consent !== 'accept') return redirectError(reply, p, 65004, 'access_denied');
    const email = (p.login ?? '').trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) return redirectError(reply, p, 50058, 'login_required');
    return issueCode(reply, p, email, normaliseScopes(p.scope));
  });

  app.post<{ Params: { tenant: string }; Body: Params }>('/:tenant/oauth2/v2.0/token', async (req, reply) => {
    const p = { ...(req.body ?? {}) };
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':').map((s) => decodeURIComponent(s ?? ''));
      p.client_id ??= id;
      p.client_secret ??= secret;
    }
    if (!p.grant_type) return sendAad(reply, aadError(900144, { param: 'grant_type' }));
    if (p.grant_type !== 'authorization_code' && p.grant_type !== 'refresh_token') return sendAad(reply, aadError(70003));
    const client = identity.authenticateClient(p.client_id, p.client_secret, req.params.tenant);
    if ('ok' in client) return sendAad(reply, client.ok ? aadError(70000) : client.err);
    const out = p.grant_type === 'authorization_code' ? identity.redeemCode(client, p) : identity.refresh(client, p);
    if (!out.ok) return sendAad(reply, out.err);
    return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(out.body);
  });

  app.get<{ Params: { tenant: string } }>('/:tenant/v2.0/.well-known/openid-configuration', async (req) => {
    const base = `${originOf(req)}/${req.params.tenant}`;
    return {
      issuer: `https://login.microsoftonline.com/{tenantid}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      userinfo_endpoint: `${originOf(req)}/oidc/userinfo`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      response_types_supported: ['code'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['plain', 'S256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    };
  });

  app.get('/:tenant/discovery/v2.0/keys', async () => identity.jwks());
}
