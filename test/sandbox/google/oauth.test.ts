// Google OAuth conformance (providers.md §1): consent, codes, refresh-token rules, errors, userinfo, expiry.
import { afterEach, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { harness, sleep, tokenRequest, type Harness } from './helpers.js';

const CAL = 'https://www.googleapis.com/auth/calendar.events.readonly';
const REDIRECT = 'http://127.0.0.1:9/callback';

let h: Harness | undefined;
afterEach(async () => {
  await h?.em.close();
  h = undefined;
});

async function authorize(url: string, params: Record<string, string>): Promise<URL> {
  const q = new URLSearchParams({ response_type: 'code', client_id: 'web-client', redirect_uri: REDIRECT, scope: `openid email ${CAL}`, state: 'st8', ...params });
  const res = await fetch(`${url}/o/oauth2/v2/auth?${q}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

const exchange = (url: string, code: string) =>
  tokenRequest(url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'web-client', client_secret: 'web-secret' });

describe('Google OAuth', () => {
  it('issues a refresh token only on first consent or prompt=consent, and only offline', async () => {
    h = await harness();
    await h.control('POST', '/clients', { client_id: 'web-client', client_secret: 'web-secret', redirect_uris: [REDIRECT] });
    const first = await authorize(h.em.url, { access_type: 'offline', auto_consent: 'bob@acme.test' });
    expect(first.searchParams.get('state')).toBe('st8');
    const t1 = await exchange(h.em.url, first.searchParams.get('code')!);
    expect(t1.status).toBe(200);
    expect(t1.body.refresh_token).toMatch(/^1\/\//);
    expect(t1.body.token_type).toBe('Bearer');
    expect(t1.body.scope).toContain(CAL);

    const again = await authorize(h.em.url, { access_type: 'offline', auto_consent: 'bob@acme.test' });
    const t2 = await exchange(h.em.url, again.searchParams.get('code')!);
    expect(t2.status).toBe(200);
    expect(t2.body.refresh_token).toBeUndefined();

    const forced = await authorize(h.em.url, { access_type: 'offline', prompt: 'consent', auto_consent: 'bob@acme.test' });
    expect((await exchange(h.em.url, forced.searchParams.get('code')!)).body.refresh_token).toBeDefined();

    const online = await authorize(h.em.url, { prompt: 'consent', auto_consent: 'bob@acme.test' });
    expect((await exchange(h.em.url, online.searchParams.get('code')!)).body.refresh_token).toBeUndefined();

    // Refresh responses omit refresh_token.
    const r = await tokenRequest(h.em.url, { grant_type: 'refresh_token', refresh_token: t1.body.refresh_token, client_id: 'web-client', client_secret: 'web-secret' });
    expect(r.status).toBe(200);
    expect(r.body.refresh_token).toBeUndefined();
    expect(r.body.expires_in).toBe(3600);
  });

  it('id_token verifies against the JWKS and carries the email', async () => {
    h = await harness();
    await h.control('POST', '/clients', { client_id: 'web-client', client_secret: 'web-secret' });
    const loc = await authorize(h.em.url, { access_type: 'offline', auto_consent: 'carol@acme.test', nonce: 'n1' });
    const t = await exchange(h.em.url, loc.searchParams.get('code')!);
    const jwks = createRemoteJWKSet(new URL(`${h.em.url}/oauth2/v3/certs`));
    const { payload } = await jwtVerify(t.body.id_token, jwks, { audience: 'web-client', issuer: h.em.url });
    expect(payload.email).toBe('carol@acme.test');
    expect(payload.nonce).toBe('n1');
  });

  it('codes are single use; wrong redirect_uri, unknown client and wrong secret are refused', async () => {
    h = await harness();
    await h.control('POST', '/clients', { client_id: 'web-client', client_secret: 'web-secret' });
    const code = (await authorize(h.em.url, { access_type: 'offline', auto_consent: 'bob@acme.test' })).searchParams.get('code')!;
    const bad = await tokenRequest(h.em.url, { grant_type: 'authorization_code', code, redirect_uri: 'http://elsewhere/cb', client_id: 'web-client', client_secret: 'web-secret' });
    expect(bad).toMatchObject({ status: 400, body: { error: 'redirect_uri_mismatch' } });
    expect((await exchange(h.em.url, code)).status).toBe(200);
    expect(await exchange(h.em.url, code)).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'Code was already redeemed.' } });
    expect(await exchange(h.em.url, 'garbage')).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'Malformed auth code.' } });

    const unknown = await tokenRequest(h.em.url, { grant_type: 'refresh_token', refresh_token: h.account.refresh_token, client_id: 'nope', client_secret: 'x' });
    expect(unknown).toMatchObject({ status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } });
    const wrong = await tokenRequest(h.em.url, { grant_type: 'refresh_token', refresh_token: h.account.refresh_token, client_id: 'test-client', client_secret: 'x' });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } });
    // HTTP Basic client authentication works too.
    const basic = await tokenRequest(
      h.em.url,
      { grant_type: 'refresh_token', refresh_token: h.account.refresh_token },
      { authorization: `Basic ${Buffer.from('test-client:test-secret').toString('base64')}` },
    );
    expect(basic.status).toBe(200);
    const other = await tokenRequest(h.em.url, { grant_type: 'refresh_token', refresh_token: h.account.refresh_token, client_id: 'web-client', client_secret: 'web-secret' });
    expect(other).toMatchObject({ status: 400, body: { error: 'unauthorized_client' } });
  });

  it('revocation gives invalid_grant "Token has been expired or revoked." and kills access tokens', async () => {
    h = await harness();
    const form = { grant_type: 'refresh_token', refresh_token: h.account.refresh_token, client_id: 'test-client', client_secret: 'test-secret' };
    await h.control('POST', `/accounts/${h.account.email}/revoke`);
    expect(await tokenRequest(h.em.url, form)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    expect((await h.list({})).status).toBe(401);

    // The public revoke endpoint does the same for a fresh grant.
    const acc = await h.control('POST', '/accounts', { email: 'dave@acme.test', client_id: 'test-client' });
    const rv = await fetch(`${h.em.url}/revoke`, { method: 'POST', body: new URLSearchParams({ token: acc.refresh_token }) });
    expect(rv.status).toBe(200);
    expect((await tokenRequest(h.em.url, { ...form, refresh_token: acc.refresh_token })).body.error).toBe('invalid_grant');
  });

  it('expired access tokens get 401 with Google error body', async () => {
    h = await harness({ accessTokenTtlSeconds: 1 });
    expect((await h.list({})).status).toBe(200);
    await sleep(1300);
    const res = await h.list({});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe(401);
    expect(res.body.error.errors[0]).toMatchObject({ reason: 'authError', message: 'Invalid Credentials', location: 'Authorization' });
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('insufficient scopes give 403 insufficientPermissions; userinfo needs email scopes', async () => {
    h = await harness();
    const acc = await h.control('POST', '/accounts', { email: 'eve@acme.test', client_id: 'test-client', scopes: ['email'] });
    const tok = await tokenRequest(h.em.url, { grant_type: 'refresh_token', refresh_token: acc.refresh_token, client_id: 'test-client', client_secret: 'test-secret' });
    const res = await fetch(`${h.em.url}/calendar/v3/calendars/primary/events`, { headers: { authorization: `Bearer ${tok.body.access_token}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.errors[0].reason).toBe('insufficientPermissions');
    const ui = await fetch(`${h.em.url}/oauth2/v3/userinfo`, { headers: { authorization: `Bearer ${tok.body.access_token}` } });
    expect(await ui.json()).toMatchObject({ email: 'eve@acme.test', email_verified: true });
    const v2 = await fetch(`${h.em.url}/oauth2/v2/userinfo`, { headers: { authorization: `Bearer ${tok.body.access_token}` } });
    expect(await v2.json()).toMatchObject({ email: 'eve@acme.test', verified_email: true });
  });

  it('consent page: browser-style form flow with scope narrowing, and deny', async () => {
    h = await harness();
    await h.control('POST', '/clients', { client_id: 'web-client', client_secret: 'web-secret' });
    const q = new URLSearchParams({ response_type: 'code', client_id: 'web-client', redirect_uri: REDIRECT, scope: `email ${CAL}`, state: 's', access_type: 'offline' });
    const page = await fetch(`${h.em.url}/o/oauth2/v2/auth?${q}`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('id="allow"');
    expect(html).not.toMatch(/<(script|link)\b/);
    const request = /name="request" value="([^"]+)"/.exec(html)![1]!;
    const form = new URLSearchParams({ request, email: 'frank@acme.test', decision: 'allow' });
    form.append('scope', CAL); // the user unticked email
    const res = await fetch(`${h.em.url}/o/oauth2/v2/auth/approve`, { method: 'POST', body: form, redirect: 'manual' });
    const loc = new URL(res.headers.get('location')!);
    expect(loc.searchParams.get('scope')).toBe(CAL);
    const t = await exchange(h.em.url, loc.searchParams.get('code')!);
    expect(t.body.scope).toBe(CAL);
    expect(t.body.refresh_token).toBeDefined();
    const deny = await fetch(`${h.em.url}/o/oauth2/v2/auth/approve`, { method: 'POST', body: new URLSearchParams({ request, decision: 'deny' }), redirect: 'manual' });
    expect(new URL(deny.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
    // Unknown clients see an error page, not a redirect.
    const bad = await fetch(`${h.em.url}/o/oauth2/v2/auth?${new URLSearchParams({ ...Object.fromEntries(q), client_id: 'ghost' })}`, { redirect: 'manual' });
    expect(bad.status).toBe(401);
  });

  it('autoConsent option redirects at once for login_hint', async () => {
    h = await harness({ autoConsent: true });
    await h.control('POST', '/clients', { client_id: 'web-client', client_secret: 'web-secret' });
    const loc = await authorize(h.em.url, { access_type: 'offline', login_hint: h.account.email });
    const t = await exchange(h.em.url, loc.searchParams.get('code')!);
    expect(t.body.refresh_token).toBeDefined();
  });

  it('token endpoint faults: 5xx and 429 with Retry-After', async () => {
    h = await harness();
    await h.control('POST', '/faults', { kind: 'rate_limit', path: '/token', retryAfter: 7, count: 1 });
    const form = { grant_type: 'refresh_token', refresh_token: h.account.refresh_token, client_id: 'test-client', client_secret: 'test-secret' };
    const r = await tokenRequest(h.em.url, form);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect((await tokenRequest(h.em.url, form)).status).toBe(200);
  });
});
