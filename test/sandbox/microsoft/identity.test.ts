// Conformance: Entra ID token endpoint and authorize flow (providers.md §3).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startEmu, waitFor, type Emu } from './helpers.js';

let emu: Emu;
beforeAll(async () => {
  emu = await startEmu();
});
afterAll(async () => emu.em.close());

function expectAadError(body: any, error: string, code: number): void {
  expect(body).toMatchObject({ error, error_codes: [code] });
  expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: .* Trace ID: \\S+ Correlation ID: \\S+ Timestamp: `));
  expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  expect(typeof body.trace_id).toBe('string');
  expect(typeof body.correlation_id).toBe('string');
}

describe('token endpoint', () => {
  it('rotates refresh tokens on every refresh and keeps the old one valid', async () => {
    const acc = await emu.account('rotate@contoso.com');
    const first = await emu.refresh(acc);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600 });
    expect(first.body.refresh_token).toBeTruthy();
    expect(first.body.refresh_token).not.toBe(acc.refresh_token);
    // offline_access is granted but never echoed.
    expect(first.body.scope).not.toMatch(/offline_access/);
    expect(first.body.scope).toMatch(/https:\/\/graph\.microsoft\.com\/Calendars\.Read/);
    const second = await emu.refresh(acc, first.body.refresh_token);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    // The presented (older) tokens stay valid: rotation does not revoke them.
    expect((await emu.refresh(acc, acc.refresh_token)).status).toBe(200);
    expect((await emu.refresh(acc, first.body.refresh_token)).status).toBe(200);
    const claims = JSON.parse(Buffer.from(first.body.id_token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ email: 'rotate@contoso.com', preferred_username: 'rotate@contoso.com', aud: acc.client_id });
  });

  it('answers AADSTS50173 invalid_grant after a revoke, and Graph 401s the old access token', async () => {
    const { acc, token } = await emu.login('revoked@contoso.com');
    expect((await emu.control('POST', '/accounts/revoked@contoso.com/revoke')).status).toBe(200);
    const r = await emu.refresh(acc);
    expect(r.status).toBe(400);
    expectAadError(r.body, 'invalid_grant', 50173);
    expect((await emu.graph(token, '/me')).status).toBe(401);
  });

  it('switches grants into AADSTS700082 / interaction_required on demand', async () => {
    const acc = await emu.account('switch@contoso.com');
    await emu.control('POST', '/accounts/switch@contoso.com/grant-error', { aadsts: 700082 });
    expectAadError((await emu.refresh(acc)).body, 'invalid_grant', 700082);
    await emu.control('POST', '/accounts/switch@contoso.com/grant-error', { aadsts: 50076 });
    expectAadError((await emu.refresh(acc)).body, 'interaction_required', 50076);
    await emu.control('POST', '/accounts/switch@contoso.com/grant-error', { aadsts: null });
    expect((await emu.refresh(acc)).status).toBe(200);
  });

  it('rejects a wrong client secret with invalid_client and an unknown refresh token with invalid_grant', async () => {
    const acc = await emu.account('client@contoso.com');
    const bad = await emu.refresh({ ...acc, client_secret: 'nope' });
    expect([400, 401]).toContain(bad.status);
    expectAadError(bad.body, 'invalid_client', 7000215);
    const unknown = await emu.refresh(acc, '1.AXkAgarbage');
    expectAadError(unknown.body, 'invalid_grant', 70000);
  });

  it('expires access tokens after accessTokenTtlSeconds with 401 InvalidAuthenticationToken', async () => {
    const short = await startEmu({ accessTokenTtlSeconds: 1 });
    try {
      const { token } = await short.login('ttl@contoso.com');
      expect((await short.graph(token, '/me')).status).toBe(200);
      const r = await waitFor(async () => {
        const res = await short.graph(token, '/me');
        return res.status === 401 ? res : null;
      });
      expect(r.body.error.code).toBe('InvalidAuthenticationToken');
      expect((await short.graph('garbage', '/me')).body.error.code).toBe('InvalidAuthenticationToken');
    } finally {
      await short.em.close();
    }
  });
});

describe('authorize', () => {
  const redirect = 'http://127.0.0.1:1/callback';

  it('renders a consent page and redirects with a single-use code (PKCE, query mode)', async () => {
    await emu.control('POST', '/clients', { client_id: 'web-app', client_secret: 's3cret' });
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const params = { client_id: 'web-app', response_type: 'code', redirect_uri: redirect, scope: 'offline_access openid email https://graph.microsoft.com/Calendars.Read', state: 'xyz', code_challenge: challenge, code_challenge_method: 'S256' };
    const page = await call(`${emu.em.url}/common/oauth2/v2.0/authorize?${new URLSearchParams(params)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.body).toMatch(/<button[^>]*value="accept"[^>]*>Accept<\/button>/);
    expect(page.body).not.toMatch(/<(script|link)[^>]+(src|href)=/); // no external assets
    const submit = await call(`${emu.em.url}/common/oauth2/v2.0/authorize`, { form: { ...params, login: 'browser@contoso.com', consent: 'accept' } });
    expect(submit.status).toBe(302);
    const loc = new URL(submit.headers.get('location')!);
    expect(loc.searchParams.get('state')).toBe('xyz');
    const code = loc.searchParams.get('code')!;
    const form = { grant_type: 'authorization_code', client_id: 'web-app', client_secret: 's3cret', code, redirect_uri: redirect, code_verifier: verifier };
    const tok = await call(`${emu.em.url}/common/oauth2/v2.0/token`, { form });
    expect(tok.status).toBe(200);
    expect(tok.body.refresh_token).toBeTruthy();
    const again = await call(`${emu.em.url}/common/oauth2/v2.0/token`, { form });
    expectAadError(again.body, 'invalid_grant', 54005);
  });

  it('supports form_post, cancel, and automatic consent', async () => {
    const params = { client_id: 'web-app', response_type: 'code', redirect_uri: redirect, scope: 'openid Calendars.Read', state: 's1', response_mode: 'form_post' };
    const post = await call(`${emu.em.url}/common/oauth2/v2.0/authorize`, { form: { ...params, login: 'fp@contoso.com', consent: 'accept' } });
    expect(post.status).toBe(200);
    expect(post.body).toMatch(new RegExp(`<form method="post" action="${redirect}"`));
    expect(post.body).toMatch(/name="code" value="[^"]+"/);
    const cancel = await call(`${emu.em.url}/common/oauth2/v2.0/authorize`, { form: { ...params, response_mode: 'query', login: 'fp@contoso.com', consent: 'cancel' } });
    expect(new URL(cancel.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
    const auto = await startEmu({ autoConsent: true });
    try {
      const r = await call(`${auto.em.url}/common/oauth2/v2.0/authorize?${new URLSearchParams({ ...params, response_mode: 'query', login_hint: 'auto@contoso.com' })}`);
      expect(r.status).toBe(302);
      expect(new URL(r.headers.get('location')!).searchParams.get('code')).toBeTruthy();
    } finally {
      await auto.em.close();
    }
  });

  it('serves /v1.0/me and /v1.0/me/calendar for email lookup', async () => {
    const { token } = await emu.login('lookup@contoso.com');
    const me = await emu.graph(token, '/me');
    expect(me.body).toMatchObject({ mail: 'lookup@contoso.com', userPrincipalName: 'lookup@contoso.com' });
    const cal = await emu.graph(token, '/me/calendar');
    expect(cal.body.owner.address).toBe('lookup@contoso.com');
  });
});
