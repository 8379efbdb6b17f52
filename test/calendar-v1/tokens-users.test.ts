// Calendar auth tokens, the user routes and CORS on a real app and database (api-contract §2.11, §3.3–3.5).
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let ws: Awaited<ReturnType<typeof createWorkspace>>;

async function mint(auth: string, userId: unknown): Promise<string> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/calendar/authenticate/', headers: { authorization: auth }, payload: { user_id: userId } });
  expect(res.statusCode).toBe(200);
  return res.json().token;
}
const asUser = (token: string, method: 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: { 'X-RecallCalendarAuthToken': token, 'content-type': 'application/json' }, ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}) });

beforeAll(async () => {
  ctx = await createTestContext();
  ws = await createWorkspace(ctx.deps);
});
afterAll(async () => ctx?.close());

describe('authenticate and tokens', () => {
  it('mints URL-safe tokens, creates the user once, and coerces numeric ids', async () => {
    const t1 = await mint(ws.auth, 'user-1');
    const t2 = await mint(ws.auth, 'user-1');
    expect(t1).toMatch(/^[A-Za-z0-9_.-]+$/);
    const u1 = (await asUser(t1, 'GET', '/api/v1/calendar/user/')).json();
    const u2 = (await asUser(t2, 'GET', '/api/v1/calendar/user/')).json();
    expect(u1.id).toBe(u2.id);
    expect(u1.external_id).toBe('user-1');
    const n = await mint(ws.auth, 42);
    expect((await asUser(n, 'GET', '/api/v1/calendar/user')).json().external_id).toBe('42');
  });

  it('validates user_id', async () => {
    for (const [body, msg] of [[{}, 'This field is required.'], [{ user_id: '' }, 'This field may not be blank.'], [{ user_id: 'x'.repeat(256) }, 'Ensure this field has no more than 255 characters.']] as const) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/calendar/authenticate', headers: { authorization: ws.auth }, payload: body });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.user_id).toEqual([msg]);
    }
  });

  it('answers 401 with the contract bodies for missing, tampered, expired and foreign tokens', async () => {
    const token = await mint(ws.auth, 'user-401');
    const missing = await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/user/' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ detail: 'Authentication credentials were not provided.', code: 'not_authenticated' });

    const [h, p, s] = token.split('.');
    const tampered = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
    const invalid = { detail: 'The auth token supplied is invalid.', code: 'authentication_failed' };
    for (const bad of [tampered, 'garbage', `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url')}.${s}`]) {
      const res = await asUser(bad, 'GET', '/api/v1/calendar/user/');
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(invalid);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }

    // Signed with the right secret but expired (beyond the 30 s leeway).
    const secret = await ctx.deps.pool.query('SELECT secret_enc FROM calendar_token_secrets WHERE workspace_id = $1', [ws.id]);
    const key = new TextEncoder().encode(ctx.deps.secrets.decrypt(secret.rows[0].secret_enc));
    const sub = JSON.parse(Buffer.from(p, 'base64url').toString()).sub;
    const past = Math.floor(Date.now() / 1000) - 86_400 - 120;
    const expired = await new SignJWT({ wid: ws.id }).setProtectedHeader({ alg: 'HS256' }).setIssuer('rollcall').setSubject(sub).setIssuedAt(past).setExpirationTime(past + 86_400).sign(key);
    const exp = await asUser(expired, 'GET', '/api/v1/calendar/user/');
    expect(exp.statusCode).toBe(401);
    expect(exp.json()).toEqual({ detail: 'The auth token has expired.', code: 'token_expired' });

    // Another workspace: its own secret does not verify this workspace's claims, and vice versa.
    const other = await createWorkspace(ctx.deps);
    await mint(other.auth, 'someone');
    const foreign = await new SignJWT({ wid: other.id }).setProtectedHeader({ alg: 'HS256' }).setIssuer('rollcall').setSubject(sub).setIssuedAt().setExpirationTime('1h').sign(key);
    const f = await asUser(foreign, 'GET', '/api/v1/calendar/user/');
    expect(f.statusCode).toBe(401);
    expect(f.json()).toEqual(invalid);
  });

  it('rotating the workspace secret invalidates its tokens', async () => {
    const other = await createWorkspace(ctx.deps);
    const token = await mint(other.auth, 'rotating');
    expect((await asUser(token, 'GET', '/api/v1/calendar/user/')).statusCode).toBe(200);
    const rot = await ctx.app.inject({ method: 'POST', url: '/api/v2/workspace/calendar-token-secret/rotate/', headers: { authorization: other.auth } });
    expect(rot.statusCode).toBe(200);
    expect((await asUser(token, 'GET', '/api/v1/calendar/user/')).statusCode).toBe(401);
  });
});

describe('user routes', () => {
  it('shows two unconnected entries and default preferences', async () => {
    const u = (await asUser(await mint(ws.auth, 'fresh'), 'GET', '/api/v1/calendar/user/')).json();
    expect(u.connections).toEqual([
      { connected: false, platform: 'google', email: null, id: null },
      { connected: false, platform: 'microsoft', email: null, id: null },
    ]);
    expect(u.preferences).toMatchObject({ record_non_host: false, record_recurring: false, record_external: false, record_internal: false, record_confirmed: false, record_only_host: false, bot_name: 'Meeting Notetaker' });
    expect(u.preferences.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('merges preferences (PUT and PATCH partial, string booleans), ignores read-only fields, rejects bad values', async () => {
    const token = await mint(ws.auth, 'prefs');
    const put = await asUser(token, 'PUT', '/api/v1/calendar/user', { id: 'ignored', preferences: { id: 'ignored', record_external: true, record_internal: 'true' } });
    expect(put.statusCode).toBe(200);
    expect(put.json().preferences).toMatchObject({ record_external: true, record_internal: true, record_confirmed: false });
    const patch = await asUser(token, 'PATCH', '/api/v1/calendar/user/', { preferences: { bot_name: 'Acme Notes', record_internal: false } });
    expect(patch.json().preferences).toMatchObject({ record_external: true, record_internal: false, bot_name: 'Acme Notes' });
    const bad = await asUser(token, 'PATCH', '/api/v1/calendar/user/', { preferences: { record_external: 'yes', bot_name: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual({ preferences: { record_external: ['Must be a valid boolean.'], bot_name: ['This field may not be blank.'] } });
    // A body-less PUT changes nothing.
    const empty = await ctx.app.inject({ method: 'PUT', url: '/api/v1/calendar/user/', headers: { 'x-recallcalendarauthtoken': token, 'content-type': 'application/json' } });
    expect(empty.statusCode).toBe(200);
    expect(empty.json().preferences.bot_name).toBe('Acme Notes');
  });

  it('changes external_id unless taken', async () => {
    await mint(ws.auth, 'taken');
    const token = await mint(ws.auth, 'renamed-from');
    const clash = await asUser(token, 'PATCH', '/api/v1/calendar/user/', { external_id: 'taken' });
    expect(clash.statusCode).toBe(400);
    expect(Object.keys(clash.json().errors)).toEqual(['external_id']);
    const ok = await asUser(token, 'PATCH', '/api/v1/calendar/user/', { external_id: 'renamed-to' });
    expect(ok.json().external_id).toBe('renamed-to');
  });

  it('disconnect validates the platform and is a no-op when not connected', async () => {
    const token = await mint(ws.auth, 'disc');
    const bad = await asUser(token, 'POST', '/api/v1/calendar/user/disconnect/', { platform: 'zoom' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.platform).toEqual(['"zoom" is not a valid choice.']);
    const ok = await asUser(token, 'POST', '/api/v1/calendar/user/disconnect', { platform: 'google' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().connections[0].connected).toBe(false);
  });

  it('delete answers 204 with no body; the token then fails; authenticate makes a new user', async () => {
    const token = await mint(ws.auth, 'doomed');
    const before = (await asUser(token, 'GET', '/api/v1/calendar/user/')).json().id;
    const del = await ctx.app.inject({ method: 'DELETE', url: '/api/v1/calendar/user', headers: { 'x-recallcalendarauthtoken': token, 'content-type': 'application/json' } });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect(del.headers['content-type']).toBeUndefined();
    expect((await asUser(token, 'GET', '/api/v1/calendar/user/')).statusCode).toBe(401);
    const again = (await asUser(await mint(ws.auth, 'doomed'), 'GET', '/api/v1/calendar/user/')).json().id;
    expect(again).not.toBe(before);
  });

  it('lists users with the API key (bare array, email filter, cursor page)', async () => {
    const other = await createWorkspace(ctx.deps);
    for (const id of ['a', 'b', 'c']) await mint(other.auth, id);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/users/', headers: { authorization: other.auth } });
    expect(list.json().map((u: { external_id: string }) => u.external_id)).toEqual(['a', 'b', 'c']);
    const none = await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/users/?email=nobody@example.com', headers: { authorization: other.auth } });
    expect(none.json()).toEqual([]);
    const page = await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/users/?paginate=true&page_size=2', headers: { authorization: other.auth } });
    expect(page.json().results).toHaveLength(2);
    expect(page.json().next).toContain('cursor=');
  });
});

describe('CORS on /api/v1/calendar/*', () => {
  it('answers preflights with 204, unauthenticated, echoing the requested headers', async () => {
    const res = await ctx.app.inject({ method: 'OPTIONS', url: '/api/v1/calendar/meetings/refresh', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-recallcalendarauthtoken, content-type' } });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('GET, POST, PUT, PATCH, DELETE, OPTIONS');
    expect(res.headers['access-control-allow-headers']).toBe('x-recallcalendarauthtoken, content-type');
    expect(res.headers['access-control-max-age']).toBe('86400');
    const dflt = await ctx.app.inject({ method: 'OPTIONS', url: '/api/v1/calendar/user/' });
    expect(dflt.headers['access-control-allow-headers']).toBe('content-type, x-recallcalendarauthtoken, authorization, idempotency-key');
  });

  it('puts the headers on successes, errors and unknown paths, and none on V2 paths', async () => {
    const token = await mint(ws.auth, 'cors');
    for (const res of [
      await asUser(token, 'GET', '/api/v1/calendar/user/'),
      await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/user/' }),
      await asUser(token, 'GET', '/api/v1/calendar/meetings/not-a-uuid/'),
      await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/nothing-here/' }),
    ]) {
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-expose-headers']).toBe('Retry-After, X-Request-Id');
    }
    const v2 = await ctx.app.inject({ method: 'GET', url: '/api/v2/api-keys/', headers: { authorization: ws.auth } });
    expect(v2.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('per-user limits and idempotency', () => {
  it('limits each calendar user to 120 requests a minute (429 with Retry-After and CORS), preflights not counted', async () => {
    const busy = await mint(ws.auth, 'busy');
    const calm = await mint(ws.auth, 'calm');
    for (let i = 0; i < 30; i++) await ctx.app.inject({ method: 'OPTIONS', url: '/api/v1/calendar/user/' });
    for (let i = 0; i < 120; i++) expect((await asUser(busy, 'GET', '/api/v1/calendar/user/')).statusCode).toBe(200);
    const limited = await asUser(busy, 'GET', '/api/v1/calendar/meetings/');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('throttled');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.headers['access-control-allow-origin']).toBe('*');
    expect((await asUser(calm, 'GET', '/api/v1/calendar/user/')).statusCode).toBe(200);
  });

  it('replays an Idempotency-Key per calendar user', async () => {
    const token = await mint(ws.auth, 'idem');
    const send = (bot_name: string) =>
      ctx.app.inject({ method: 'PATCH', url: '/api/v1/calendar/user/', headers: { 'x-recallcalendarauthtoken': token, 'idempotency-key': 'k-1' }, payload: { preferences: { bot_name } } });
    const first = await send('First');
    const second = await send('Second');
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().preferences.bot_name).toBe(first.json().preferences.bot_name);
  });
});
