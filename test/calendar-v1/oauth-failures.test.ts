// Failed V1 connections (api-contract §3.3, §3.6): each answers the documented message (HTML page, or a
// redirect to error_url) and connects nothing.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOAuthState } from '../../src/calendar-v1/oauth-state.js';
import { startHarness, type Harness } from '../calendars/harness.js';
import { createWorkspace } from '../helpers/context.js';
import { cal, callbackUrl, consent, followCallback, mintToken, setupOAuthClient, V1_CLIENT } from './v1-helpers.js';

const INVALID_TOKEN = "Calendar connection failed! (Invalid 'recall_calendar_auth_token' supplied)";
const NO_REFRESH = 'Calendar connection failed! (reason: refresh_token missing from oAuth response)';
const email = 'erin@acme.test';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await setupOAuthClient(h, 'google');
  await setupOAuthClient(h, 'microsoft');
  await h.createAccount('google_calendar', email);
  await h.createAccount('microsoft_outlook', email);
}, 120_000);
afterAll(async () => h?.close());

const callbackWith = (platform: 'google' | 'microsoft', params: Record<string, string>) => {
  const u = new URL(callbackUrl(h, platform));
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return followCallback(u.toString());
};
const html = (text: string) => text.replace(/&#39;/g, "'").replace(/&#34;/g, '"');

async function expectNothingConnected(token: string): Promise<void> {
  const u = await cal(h, token, 'GET', '/api/v1/calendar/user/');
  expect(u.body.connections.map((c: { connected: boolean }) => c.connected)).toEqual([false, false]);
  const rows = await h.ctx.deps.pool.query('SELECT count(*)::int AS n FROM calendars WHERE calendar_user_id = $1', [u.body.id]);
  expect(rows.rows[0].n).toBe(0);
}

/** A Recall-style URL built by the client itself (no nonce, no PKCE). */
function clientBuiltGoogleUrl(state: Record<string, string>, opts: { offline: boolean }): string {
  const u = new URL(`${h.google.url}/o/oauth2/v2/auth`);
  u.searchParams.set('scope', 'https://www.googleapis.com/auth/calendar.events.readonly https://www.googleapis.com/auth/userinfo.email');
  if (opts.offline) u.searchParams.set('access_type', 'offline');
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('state', JSON.stringify(state));
  u.searchParams.set('redirect_uri', callbackUrl(h, 'google'));
  u.searchParams.set('client_id', V1_CLIENT.google.id);
  return u.toString();
}

describe('V1 OAuth callback failures', () => {
  it('an unknown state shape shows the invalid-token page', async () => {
    for (const state of ['not json', '[1,2]', '{"foo":"bar"}', '']) {
      const r = await callbackWith('google', { code: 'x', state });
      expect(r.status).toBe(400);
      expect(r.text).toContain(INVALID_TOKEN.replace(/'/g, '&#39;'));
    }
  });

  it('tampered, expired and foreign-workspace tokens fail, redirecting to error_url when given', async () => {
    const token = await mintToken(h, 'tamper');
    const [hd, pl, sg] = token.split('.');
    const tampered = `${hd}.${pl}.${sg.slice(0, -3)}xyz`;
    const sub = JSON.parse(Buffer.from(pl, 'base64url').toString()).sub;
    const past = Math.floor(Date.now() / 1000) - 90_000;
    const wsId = JSON.parse(Buffer.from(pl, 'base64url').toString()).wid;
    const secretRow = await h.ctx.deps.pool.query('SELECT secret_enc FROM calendar_token_secrets WHERE workspace_id = $1', [wsId]);
    const key = new TextEncoder().encode(h.ctx.deps.secrets.decrypt(secretRow.rows[0].secret_enc));
    const expired = await new SignJWT({ wid: wsId }).setProtectedHeader({ alg: 'HS256' }).setIssuer('rollcall').setSubject(sub).setIssuedAt(past).setExpirationTime(past + 86_400).sign(key);
    const other = await createWorkspace(h.ctx.deps);
    await mintToken(h, 'someone', other.auth);
    const foreign = await new SignJWT({ wid: other.id }).setProtectedHeader({ alg: 'HS256' }).setIssuer('rollcall').setSubject(sub).setIssuedAt().setExpirationTime('1h').sign(key);
    for (const bad of [tampered, expired, foreign]) {
      const state = { recall_calendar_auth_token: bad, google_oauth_redirect_url: callbackUrl(h, 'google'), error_url: 'https://app.example/failed?u=1' };
      const r = await followCallback(await consent('google', clientBuiltGoogleUrl(state, { offline: true }), email));
      expect(r.status).toBe(302);
      expect(r.location).toBe('https://app.example/failed?u=1');
      const page = await callbackWith('google', { code: 'x', state: JSON.stringify({ ...state, error_url: undefined }) });
      expect(page.status).toBe(400);
      expect(html(page.text)).toContain(INVALID_TOKEN);
    }
    await expectNothingConnected(token);
  });

  it('a missing refresh token fails with Recall\'s message', async () => {
    const token = await mintToken(h, 'no-refresh');
    // Without access_type=offline Google issues no refresh token.
    const state = { recall_calendar_auth_token: token, google_oauth_redirect_url: callbackUrl(h, 'google') };
    const r = await followCallback(await consent('google', clientBuiltGoogleUrl(state, { offline: false }), email));
    expect(r.status).toBe(400);
    expect(r.text).toContain(NO_REFRESH);
    await expectNothingConnected(token);
  });

  it('a grant without a calendar scope fails with invalid_scope', async () => {
    const token = await mintToken(h, 'narrow');
    // A fresh account: include_granted_scopes would otherwise add back what an earlier grant gave.
    await h.createAccount('google_calendar', 'frank@acme.test');
    const built = await cal(h, token, 'GET', '/api/v1/calendar/oauth-url/?platform=google');
    const r = await followCallback(await consent('google', built.body.url, 'frank@acme.test', 'https://www.googleapis.com/auth/userinfo.email'));
    expect(r.status).toBe(400);
    expect(html(r.text)).toContain(
      "Calendar connection failed! (reason: invalid_scope(detail: None of the supported calendar scopes(['https://www.googleapis.com/auth/calendar.events.readonly', 'https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar']) present in response(['https://www.googleapis.com/auth/userinfo.email']).))",
    );
    await expectNothingConnected(token);
  });

  it('a state issued by rollcall and edited on the way back is refused', async () => {
    const token = await mintToken(h, 'edited');
    const built = await cal(h, token, 'GET', `/api/v1/calendar/oauth-url/?platform=microsoft&success_url=${encodeURIComponent('https://app.example/ok')}`);
    const location = new URL(await consent('microsoft', built.body.url, email));
    const state = JSON.parse(location.searchParams.get('state')!);
    location.searchParams.set('state', JSON.stringify({ ...state, success_url: 'https://evil.example/' }));
    const r = await followCallback(location.toString());
    expect(r.status).toBe(400);
    expect(r.text).toContain('invalid_state');
    await expectNothingConnected(token);
  });

  it('a provider error is reported with its reason', async () => {
    const token = await mintToken(h, 'denied');
    const state = JSON.stringify({ recall_calendar_auth_token: token, ms_oauth_redirect_url: callbackUrl(h, 'microsoft') });
    const r = await callbackWith('microsoft', { error: 'access_denied', error_description: 'The user cancelled.', state });
    expect(r.status).toBe(400);
    expect(r.text).toContain('Calendar connection failed! (reason: access_denied: The user cancelled.)');
    await expectNothingConnected(token);
  });

  it('the Microsoft callback accepts response_mode=form_post', async () => {
    const token = await mintToken(h, 'form-post');
    const state = JSON.stringify({ recall_calendar_auth_token: token, ms_oauth_redirect_url: callbackUrl(h, 'microsoft') });
    const res = await fetch(callbackUrl(h, 'microsoft').slice(0, -1), { method: 'POST', body: new URLSearchParams({ error: 'access_denied', state }), redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('reason: access_denied');
  });
});

describe('state tolerances', () => {
  const obj = { recall_calendar_auth_token: 'a.b.c', google_oauth_redirect_url: 'https://x.example/cb/', success_url: 'https://app.example/?a=1' };
  it.each([
    ['plain JSON', JSON.stringify(obj)],
    ['percent-encoded once more', encodeURIComponent(JSON.stringify(obj))],
    ['base64url JSON', Buffer.from(JSON.stringify(obj)).toString('base64url')],
  ])('%s', (_n, raw) => {
    expect(parseOAuthState(raw, 'google')).toEqual({ token: 'a.b.c', redirectUri: 'https://x.example/cb/', successUrl: 'https://app.example/?a=1', errorUrl: null, nonce: null });
  });
});
