import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../../src/db/api-keys.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let ws: Awaited<ReturnType<typeof createWorkspace>>;

beforeAll(async () => {
  ctx = await createTestContext();
  ws = await createWorkspace(ctx.deps);
});
afterAll(() => ctx.close());

const list = (authorization?: string) =>
  ctx.app.inject({ method: 'GET', url: '/api/v2/api-keys/', headers: authorization === undefined ? {} : { authorization } });

describe('API key authentication', () => {
  it('accepts `Token <key>`, a bare key and `Bearer <key>`, case-insensitively and trimmed', async () => {
    for (const header of [`Token ${ws.key}`, ws.key, `Bearer ${ws.key}`, `token ${ws.key}`, `  TOKEN   ${ws.key}  `]) {
      const res = await list(header);
      expect(res.statusCode, header).toBe(200);
    }
  });

  it('answers 401 not_authenticated without a header, with WWW-Authenticate', async () => {
    const res = await list();
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ detail: 'Authentication credentials were not provided.', code: 'not_authenticated' });
    expect(res.headers['www-authenticate']).toBe('Token');
  });

  it('answers 401 authentication_failed for unknown keys and malformed headers', async () => {
    for (const header of ['Token nope', 'Basic abc def', `Token ${ws.key} extra`, 'Token']) {
      const res = await list(header);
      expect(res.statusCode, header).toBe(401);
      expect(res.json().code).toBe('authentication_failed');
    }
  });

  it('rejects a revoked key at once', async () => {
    const other = await createWorkspace(ctx.deps);
    expect((await list(other.auth)).statusCode).toBe(200);
    expect(await revokeApiKey(ctx.deps.pool, other.keyId)).toBe(true);
    const res = await list(other.auth);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ detail: 'Invalid token.', code: 'authentication_failed' });
  });

  it('stores keys only as hashes', async () => {
    const r = await ctx.deps.pool.query('SELECT key_hash, prefix FROM api_keys');
    for (const row of r.rows) {
      expect(row.key_hash).not.toBe(ws.key);
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(JSON.stringify(r.rows)).not.toContain(ws.key);
  });

  it('lets the API revoke a key of the same workspace only (404 for another workspace)', async () => {
    const other = await createWorkspace(ctx.deps);
    const created = await ctx.app.inject({ method: 'POST', url: '/api/v2/api-keys', headers: { authorization: ws.auth } });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json();
    expect(key).toMatch(/^[0-9a-f]{40}$/);
    const foreign = await ctx.app.inject({ method: 'DELETE', url: `/api/v2/api-keys/${id}/`, headers: { authorization: other.auth } });
    expect(foreign.statusCode).toBe(404);
    const own = await ctx.app.inject({ method: 'DELETE', url: `/api/v2/api-keys/${id}`, headers: { authorization: ws.auth } });
    expect(own.statusCode).toBe(204);
    expect(own.body).toBe('');
    expect((await list(`Token ${key}`)).statusCode).toBe(401);
  });
});
