// Authorization URLs carry exactly the parameters of api-contract.md §3.6, and the code exchange works against
// the emulators' authorize endpoints, classifying failures as ProviderError.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import * as google from '../../src/providers/google/oauth.js';
import * as microsoft from '../../src/providers/microsoft/oauth.js';
import { idTokenEmail } from '../../src/providers/http.js';
import { ProviderError } from '../../src/providers/provider.js';
import { googleTarget, microsoftTarget, type Target } from './targets.js';

const params = (url: string) => Object.fromEntries(new URL(url).searchParams);
const STATE = JSON.stringify({ recall_calendar_auth_token: 'a.b.c', google_oauth_redirect_url: 'https://r.example/cb/' });

describe('buildAuthorizeUrl', () => {
  const config = loadConfig({});

  it('Google: the V1 URL with scopes, offline access and forced consent', () => {
    const url = google.buildAuthorizeUrl(config, { clientId: 'cid', redirectUri: 'https://r.example/api/v1/calendar/google_oauth_callback/', state: STATE });
    expect(url.startsWith('https://accounts.google.com/o/oauth2/v2/auth?')).toBe(true);
    expect(params(url)).toEqual({
      scope: 'https://www.googleapis.com/auth/calendar.events.readonly https://www.googleapis.com/auth/userinfo.email',
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      response_type: 'code',
      state: STATE,
      redirect_uri: 'https://r.example/api/v1/calendar/google_oauth_callback/',
      client_id: 'cid',
    });
    const pkce = params(google.buildAuthorizeUrl(config, { clientId: 'cid', redirectUri: 'https://r/', state: 's', codeChallenge: 'ch', loginHint: 'a@b.c' }));
    expect(pkce).toMatchObject({ code_challenge: 'ch', code_challenge_method: 'S256', login_hint: 'a@b.c' });
  });

  it('Microsoft: the V1 URL on the common tenant', () => {
    const url = microsoft.buildAuthorizeUrl(config, { clientId: 'cid', redirectUri: 'https://r.example/api/v1/calendar/ms_oauth_callback/', state: STATE });
    expect(url.startsWith('https://login.microsoftonline.com/common/oauth2/v2.0/authorize?')).toBe(true);
    expect(params(url)).toEqual({
      scope: 'offline_access openid email https://graph.microsoft.com/Calendars.Read',
      response_mode: 'query',
      response_type: 'code',
      state: STATE,
      redirect_uri: 'https://r.example/api/v1/calendar/ms_oauth_callback/',
      client_id: 'cid',
    });
    expect(params(microsoft.buildAuthorizeUrl(config, { clientId: 'c', redirectUri: 'https://r/', state: 's', prompt: 'consent', codeChallenge: 'x' }))).toMatchObject({
      prompt: 'consent',
      code_challenge: 'x',
      code_challenge_method: 'S256',
    });
    expect(microsoft.hasMicrosoftCalendarScope(['openid', 'https://graph.microsoft.com/Calendars.Read'])).toBe(true);
    expect(microsoft.hasMicrosoftCalendarScope(['calendars.readwrite'])).toBe(true);
    expect(microsoft.hasMicrosoftCalendarScope(['User.Read', 'openid'])).toBe(false);
  });
});

describe('exchangeCode against the emulators', () => {
  let g: Target;
  let m: Awaited<ReturnType<typeof microsoftTarget>>;
  const redirectUri = 'https://rollcall.example/api/v1/calendar/cb/';

  beforeAll(async () => {
    g = await googleTarget();
    m = await microsoftTarget({ autoConsent: true });
  });
  afterAll(async () => {
    await g?.close();
    await m?.close();
  });

  /** Follows the authorize URL once and returns the code from the redirect. */
  const codeFrom = async (url: string, init?: RequestInit): Promise<string> => {
    const res = await fetch(url, { redirect: 'manual', ...init });
    expect(res.status).toBe(302);
    const code = new URL(res.headers.get('location')!).searchParams.get('code');
    expect(code).toEqual(expect.any(String));
    return code!;
  };

  it('Google: a refresh token, the granted scopes, and invalid_grant on reuse', async () => {
    await g.control('POST', '/clients', { client_id: 'oauth-cid', client_secret: 'oauth-secret', redirect_uris: [redirectUri] });
    await g.control('POST', '/accounts', { email: 'oauth@example.com', client_id: 'oauth-cid', client_secret: 'oauth-secret' });
    const url = google.buildAuthorizeUrl(g.config, { clientId: 'oauth-cid', redirectUri, state: 's', loginHint: 'oauth@example.com' });
    const code = await codeFrom(`${url}&auto_consent=oauth%40example.com`);
    const creds = { clientId: 'oauth-cid', clientSecret: 'oauth-secret', code, redirectUri };
    const t = await google.exchangeCode(g.config, creds);
    expect(t.refreshToken).toEqual(expect.any(String));
    expect(t.scopes).toEqual(expect.arrayContaining(google.GOOGLE_V1_SCOPES));
    expect(await g.provider().accountEmail(t.accessToken)).toBe('oauth@example.com');
    const err = await google.exchangeCode(g.config, creds).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'auth_revoked', details: { code: 'invalid_grant' } });
  });

  it('Microsoft: a refresh token (offline_access is not echoed), an id_token, and AADSTS54005 on reuse', async () => {
    await m.control('POST', '/clients', { client_id: 'oauth-cid', client_secret: 'oauth-secret', redirect_uris: [redirectUri] });
    await m.control('POST', '/accounts', { email: 'oauth@example.com', client_id: 'oauth-cid', client_secret: 'oauth-secret' });
    const url = microsoft.buildAuthorizeUrl({ MICROSOFT_LOGIN_URL: m.httpUrl }, { clientId: 'oauth-cid', redirectUri, state: 's', loginHint: 'oauth@example.com' });
    const code = await codeFrom(url);
    const creds = { clientId: 'oauth-cid', clientSecret: 'oauth-secret', code, redirectUri };
    const httpConfig = { MICROSOFT_LOGIN_URL: m.httpUrl };
    const t = await microsoft.exchangeCode(httpConfig, creds);
    expect(t.refreshToken).toEqual(expect.any(String));
    expect(t.scopes).not.toContain('offline_access');
    expect(microsoft.hasMicrosoftCalendarScope(t.scopes)).toBe(true);
    expect(idTokenEmail(t.idToken)).toBe('oauth@example.com');
    // V1 scopes lack User.Read: the email still resolves (through /me/calendar).
    expect(await m.provider().accountEmail(t.accessToken)).toBe('oauth@example.com');
    const err = await microsoft.exchangeCode(httpConfig, creds).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth_revoked', details: { code: 'AADSTS54005' } });
  });
});
