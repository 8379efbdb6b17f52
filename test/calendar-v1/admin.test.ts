// Calendar V1 administration: OAuth clients (API and CLI, encrypted at rest, secrets write-only), V1 settings,
// the configuration fallback for the `default` workspace, and the oauth-url helper's checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertWorkspace } from '../../src/db/workspaces.js';
import { createApiKey } from '../../src/workspaces/api-keys.js';
import { createTestContext, createWorkspace, TEST_ENCRYPTION_KEY, type TestContext } from '../helpers/context.js';
import { runRollcall } from '../helpers/process.js';

let ctx: TestContext;
let ws: Awaited<ReturnType<typeof createWorkspace>>;

beforeAll(async () => {
  ctx = await createTestContext({ GOOGLE_OAUTH_CLIENT_ID: 'env-google-id', GOOGLE_OAUTH_CLIENT_SECRET: 'env-google-secret' });
  ws = await createWorkspace(ctx.deps);
});
afterAll(async () => ctx?.close());

const api = (method: 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST', url: string, payload?: unknown, auth = ws.auth) =>
  ctx.app.inject({ method, url, headers: { authorization: auth }, ...(payload !== undefined ? { payload: payload as object } : {}) });

describe('OAuth clients', () => {
  it('are set per workspace, stored encrypted, and never returned with their secret', async () => {
    const put = await api('PUT', '/api/v2/workspace/oauth-clients/microsoft/', { client_id: 'ms-app', client_secret: 'ms-very-secret' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ provider: 'microsoft', client_id: 'ms-app', configured: true, source: 'workspace' });
    const list = await api('GET', '/api/v2/workspace/oauth-clients/');
    expect(list.json()).toEqual([
      { provider: 'google', client_id: null, configured: false, source: null },
      { provider: 'microsoft', client_id: 'ms-app', configured: true, source: 'workspace' },
    ]);
    expect(list.body).not.toContain('ms-very-secret');
    const raw = await ctx.deps.pool.query('SELECT client_id_enc, client_secret_enc FROM workspace_oauth_clients WHERE workspace_id = $1', [ws.id]);
    expect(JSON.stringify(raw.rows)).not.toContain('ms-very-secret');
    expect(raw.rows[0].client_secret_enc).toMatch(/^enc:v1:/);
    const bad = await api('PUT', '/api/v2/workspace/oauth-clients/microsoft/', { client_id: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual({ client_id: ['This field is required.'], client_secret: ['This field is required.'] });
    expect((await api('PUT', '/api/v2/workspace/oauth-clients/zoom/', { client_id: 'a', client_secret: 'b' })).statusCode).toBe(404);
    expect((await api('DELETE', '/api/v2/workspace/oauth-clients/microsoft/')).statusCode).toBe(204);
    expect((await api('DELETE', '/api/v2/workspace/oauth-clients/microsoft/')).statusCode).toBe(404);
  });

  it('come from the configuration for the `default` workspace only', async () => {
    const def = await insertWorkspace(ctx.deps.pool, 'default');
    const { key } = await createApiKey(ctx.deps.pool, def.id);
    const list = await api('GET', '/api/v2/workspace/oauth-clients/', undefined, `Token ${key}`);
    expect(list.json()[0]).toEqual({ provider: 'google', client_id: 'env-google-id', configured: true, source: 'configuration' });
    expect((await api('GET', '/api/v2/workspace/oauth-clients/')).json()[0].configured).toBe(false);
  });

  it('the oauth-url helper needs a configured client and valid URLs', async () => {
    const token = (await api('POST', '/api/v1/calendar/authenticate/', { user_id: 'helper' })).json().token;
    const call = (qs: string) => ctx.app.inject({ method: 'GET', url: `/api/v1/calendar/oauth-url/?${qs}`, headers: { 'x-recallcalendarauthtoken': token } });
    expect((await call('platform=outlook')).json().errors).toEqual({ platform: ['"outlook" is not a valid choice.'] });
    expect((await call('platform=google')).json().errors.platform[0]).toContain('No Google OAuth client');
    await api('PUT', '/api/v2/workspace/oauth-clients/google/', { client_id: 'g-app', client_secret: 'g-secret' });
    expect((await call('platform=google&success_url=javascript:alert(1)')).json().errors).toEqual({ success_url: ['Enter a valid URL.'] });
    const ok = await call('platform=google&success_url=https%3A%2F%2Fapp.example%2Fok');
    expect(ok.statusCode).toBe(200);
    const u = new URL(ok.json().url);
    expect(u.searchParams.get('client_id')).toBe('g-app');
    expect(u.searchParams.get('access_type')).toBe('offline');
    expect(u.searchParams.get('prompt')).toBe('consent');
    const state = JSON.parse(u.searchParams.get('state')!);
    expect(state).toMatchObject({ recall_calendar_auth_token: token, google_oauth_redirect_url: ok.json().redirect_uri, success_url: 'https://app.example/ok' });
    expect(state.rollcall_nonce).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });
});

describe('V1 settings', () => {
  it('have defaults, merge partial updates and validate', async () => {
    const get = await api('GET', '/api/v2/workspace/calendar-v1/');
    expect(get.json()).toEqual({ bot_preset: {}, deduplicate_bots: true, deduplicate_across_platforms: false, join_lead_seconds: 120, redirect_allowlist: [], cors_origins: [] });
    const patch = await api('PATCH', '/api/v2/workspace/calendar-v1/', { bot_preset: { recording_config: { transcript: { provider: { meeting_captions: {} } } }, meeting_url: 'ignored' }, join_lead_seconds: 60 });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ bot_preset: { recording_config: { transcript: { provider: { meeting_captions: {} } } } }, join_lead_seconds: 60, deduplicate_bots: true });
    const bad = await api('PATCH', '/api/v2/workspace/calendar-v1/', { join_lead_seconds: -1, deduplicate_bots: 'maybe', bot_preset: { metadata: { a: 1 } } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().errors).sort()).toEqual(['bot_preset', 'deduplicate_bots', 'join_lead_seconds']);
  });

  it('a workspace origin allowlist is echoed with Vary: Origin on authenticated responses', async () => {
    const other = await createWorkspace(ctx.deps);
    await api('PATCH', '/api/v2/workspace/calendar-v1/', { cors_origins: ['https://app.example'] }, other.auth);
    const token = (await api('POST', '/api/v1/calendar/authenticate/', { user_id: 'cors' }, other.auth)).json().token;
    const get = (origin: string) => ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/user/', headers: { 'x-recallcalendarauthtoken': token, origin } });
    const allowed = await get('https://app.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(allowed.headers.vary).toContain('Origin');
    expect((await get('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CLI', () => {
  it('sets an OAuth client and V1 settings', async () => {
    const env = { DATABASE_URL: ctx.db.url, ROLLCALL_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, LOG_LEVEL: 'silent' };
    const other = await createWorkspace(ctx.deps);
    const set = runRollcall(['workspace', 'oauth-client', '--workspace', other.id, '--provider', 'google', '--client-id', 'cli-id', '--client-secret', 'cli-secret'], env);
    expect(await set.exited).toBe(0);
    expect(JSON.parse(set.output().trim().split('\n').at(-1)!)).toEqual({ workspace_id: other.id, provider: 'google', client_id: 'cli-id' });
    const settings = runRollcall(['workspace', 'calendar-v1', '--workspace', other.id, '--set', '{"deduplicate_across_platforms":true}'], env);
    expect(await settings.exited).toBe(0);
    expect(JSON.parse(settings.output().trim().split('\n').at(-1)!).deduplicate_across_platforms).toBe(true);
    const view = await api('GET', '/api/v2/workspace/oauth-clients/', undefined, other.auth);
    expect(view.json()[0]).toMatchObject({ client_id: 'cli-id', configured: true });
  }, 60_000);
});
