import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let ws: Awaited<ReturnType<typeof createWorkspace>>;

beforeAll(async () => {
  ctx = await createTestContext();
  ws = await createWorkspace(ctx.deps);
});
afterAll(() => ctx.close());

const create = (key: string, description = 'd', url = '/api/v2/api-keys/') =>
  ctx.app.inject({ method: 'POST', url, headers: { authorization: ws.auth, 'idempotency-key': key }, payload: { description } });

describe('Idempotency-Key', () => {
  it('replays the stored answer for a repeated key, with Idempotent-Replayed, and does not run twice', async () => {
    const first = await create('k-1');
    expect(first.statusCode).toBe(201);
    const again = await create('k-1', 'other body');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const count = await ctx.deps.pool.query('SELECT count(*)::int AS n FROM api_keys WHERE workspace_id = $1', [ws.id]);
    expect(count.rows[0].n).toBe(2); // the workspace's first key + one created here
  });

  it('stores the replayed body encrypted (it can hold secrets)', async () => {
    const res = await create('k-secret');
    const row = await ctx.deps.pool.query(`SELECT response_body FROM idempotency_keys WHERE key = 'k-secret'`);
    expect(row.rows[0].response_body).toMatch(/^enc:v1:/);
    expect(row.rows[0].response_body).not.toContain(res.json().key);
  });

  it('answers 409 idempotency_conflict while the first request is in flight', async () => {
    await ctx.deps.pool.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, state) VALUES ($1, 'k-busy', 'POST', '/api/v2/api-keys', 'in_flight')`,
      [`ws:${ws.id}`],
    );
    const res = await create('k-busy');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('idempotency_conflict');
  });

  it('runs a retry whose first request died in flight more than 5 minutes ago', async () => {
    await ctx.deps.pool.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, state, created_at) VALUES ($1, 'k-dead', 'POST', '/api/v2/api-keys', 'in_flight', now() - interval '6 minutes')`,
      [`ws:${ws.id}`],
    );
    const res = await create('k-dead');
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('answers 409 idempotency_key_reused for the same key on another path, and ignores query strings', async () => {
    await ctx.deps.pool.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, state, status_code, response_body) VALUES ($1, 'k-2', 'POST', '/api/v2/calendars', 'done', 201, NULL)`,
      [`ws:${ws.id}`],
    );
    const reused = await create('k-2');
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('idempotency_key_reused');
    await create('k-4');
    const res = await create('k-4', 'd', '/api/v2/api-keys?x=1');
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBe('true');
  });

  it('stores 4xx answers too, and scopes keys to the workspace', async () => {
    const bad = await create('k-3', 'x'.repeat(500));
    expect(bad.statusCode).toBe(400);
    const replay = await create('k-3', 'fine now');
    expect(replay.statusCode).toBe(400);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const other = await createWorkspace(ctx.deps);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v2/api-keys/', headers: { authorization: other.auth, 'idempotency-key': 'k-3' }, payload: {} });
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('ignores the header on GET and rejects an over-long key', async () => {
    const get = await ctx.app.inject({ method: 'GET', url: '/api/v2/api-keys/', headers: { authorization: ws.auth, 'idempotency-key': 'k-1' } });
    expect(get.statusCode).toBe(200);
    const long = await create('x'.repeat(256));
    expect(long.statusCode).toBe(400);
  });
});
