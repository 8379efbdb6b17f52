// The dashboard's server side without a browser: static assets and their caching, the one-time sign-in code,
// the connect flow's refusals, and when sandbox mode switches itself on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { createLoginLink } from '../../src/dashboard/login.js';
import { sandboxWanted } from '../../src/demo/sandbox-config.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let ws: Awaited<ReturnType<typeof createWorkspace>>;

beforeAll(async () => {
  ctx = await createTestContext({ DASHBOARD_GOOGLE_CLIENT_ID: 'dash-client', DASHBOARD_GOOGLE_CLIENT_SECRET: 'dash-secret' });
  ws = await createWorkspace(ctx.deps);
});
afterAll(() => ctx?.close());

describe('dashboard routes', () => {
  it('serves the page uncached with a same-origin CSP, and assets immutable; no traversal', async () => {
    const page = await ctx.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(asset).toBeDefined();
    const js = await ctx.app.inject({ method: 'GET', url: asset! });
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
    expect(js.headers['content-type']).toContain('text/javascript');
    for (const url of ['/assets/../index.html', '/assets/%2e%2e/%2e%2e/package.json', '/assets/nope.js']) {
      expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
  });

  it('exchanges a sign-in code once for a working API key', async () => {
    const link = await createLoginLink(ctx.deps, ws.id);
    const code = new URL(link).searchParams.get('login')!;
    const first = await ctx.app.inject({ method: 'POST', url: '/api/dashboard/login', payload: { code } });
    expect(first.statusCode).toBe(200);
    const key = first.json().api_key as string;
    const keys = await ctx.app.inject({ method: 'GET', url: '/api/v2/api-keys/', headers: { authorization: `Token ${key}` } });
    expect(keys.statusCode).toBe(200);
    const again = await ctx.app.inject({ method: 'POST', url: '/api/dashboard/login', payload: { code } });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('authentication_failed');
    expect((await ctx.app.inject({ method: 'POST', url: '/api/dashboard/login', payload: {} })).statusCode).toBe(400);
  });

  it('starts a connection only for configured providers and refuses forged or foreign state', async () => {
    const auth = { authorization: ws.auth };
    const info = await ctx.app.inject({ method: 'GET', url: '/api/dashboard/connect', headers: auth });
    expect(info.json().platforms.map((p: { available: boolean }) => p.available)).toEqual([true, false]);
    const ms = await ctx.app.inject({ method: 'POST', url: '/api/dashboard/connect', headers: auth, payload: { platform: 'microsoft_outlook' } });
    expect(ms.statusCode).toBe(400);
    expect(ms.json().code).toBe('dashboard_connect_failed');
    const g = await ctx.app.inject({ method: 'POST', url: '/api/dashboard/connect', headers: auth, payload: { platform: 'google_calendar' } });
    expect(g.statusCode).toBe(200);
    const url = new URL(g.json().authorize_url);
    expect(url.searchParams.get('client_id')).toBe('dash-client');
    expect(url.searchParams.get('redirect_uri')).toBe(`${ctx.config.publicUrl}/api/dashboard/oauth/callback`);
    const state = url.searchParams.get('state')!;
    const forged = await ctx.app.inject({ method: 'POST', url: '/api/dashboard/connect/finish', headers: auth, payload: { code: 'x', state: 'bm90LWEtc3RhdGU' } });
    expect(forged.statusCode).toBe(400);
    const other = await createWorkspace(ctx.deps);
    const foreign = await ctx.app.inject({ method: 'POST', url: '/api/dashboard/connect/finish', headers: { authorization: other.auth }, payload: { code: 'x', state } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().detail).toContain('another workspace');
    const cb = await ctx.app.inject({ method: 'GET', url: `/api/dashboard/oauth/callback?code=abc&state=${state}` });
    expect(cb.statusCode).toBe(302);
    expect(cb.headers.location).toBe(`/#/connect?code=abc&state=${state}`);
  });

  it('switches sandbox mode on only for the embedded database with nothing pointing at real providers', () => {
    expect(sandboxWanted(loadConfig({}))).toBe(true);
    expect(sandboxWanted(loadConfig({ DATABASE_URL: 'postgres://x/y', ROLLCALL_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') }))).toBe(false);
    expect(sandboxWanted(loadConfig({ GOOGLE_CALENDAR_API_URL: 'https://example.test/calendar/v3' }))).toBe(false);
    expect(sandboxWanted(loadConfig({ DASHBOARD_GOOGLE_CLIENT_ID: 'real' }))).toBe(false);
    expect(sandboxWanted(loadConfig({ ROLLCALL_SANDBOX: 'off' }))).toBe(false);
    expect(sandboxWanted(loadConfig({ ROLLCALL_SANDBOX: 'on', DATABASE_URL: 'postgres://x/y', ROLLCALL_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') }))).toBe(true);
  });
});
