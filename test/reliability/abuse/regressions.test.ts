// Regression tests for the defects the abuse suite found (docs/reliability.md lists them): each failed before
// its fix with a 500, a non-registered body or stored junk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createWorkspace, type TestContext } from '../../helpers/context.js';

describe('abuse-suite regressions', () => {
  let ctx: TestContext;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMIT_ENABLED: 'false' });
    ws = await createWorkspace(ctx.deps);
  });
  afterAll(async () => ctx?.close());
  const send = (method: string, url: string, payload?: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: method as 'GET', url, headers: { authorization: ws.auth, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, payload });

  it('a path with a malformed percent-escape is a 404 not_found, not Fastify\'s FST_ERR_BAD_URL body', async () => {
    for (const url of ['/api/v2/calendars/%zz/', '/api/v1/bot/%/', '/api/v2/webhook-messages/%E0%A4%A/']) {
      const res = await send('GET', url);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ detail: 'Not found.', code: 'not_found' });
    }
  });

  it('NUL characters and lone surrogates in bodies and query strings are 400 field errors, not database 500s', async () => {
    const nul = await send('PATCH', '/api/v2/workspace/bot-runtime/', '{"recall_api_key":"a\\u0000b"}');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors).toEqual({ recall_api_key: ['Null characters are not allowed.'] });
    const surrogate = await send('POST', '/api/v2/webhook-endpoints/', '{"url":"https://hooks.example.test/x","description":"\\ud800"}');
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().errors).toEqual({ description: ['Surrogate characters are not allowed: U+D800.'] });
    const nested = await send('POST', '/api/v1/bot/', '{"metadata":{"k":"\\u0000"}}');
    expect(nested.statusCode).toBe(400);
    expect(nested.json().errors).toEqual({ metadata: { k: ['Null characters are not allowed.'] } });
    const query = await send('GET', '/api/v2/calendars/?email=a%00b');
    expect(query.statusCode).toBe(400);
    expect(query.json().errors).toEqual({ email: ['Null characters are not allowed.'] });
    // A well-formed surrogate pair (an emoji) is fine.
    expect((await send('POST', '/api/v2/webhook-endpoints/', '{"url":"https://hooks.example.test/y","description":"\\ud83d\\ude00"}')).statusCode).toBe(201);
  });

  it('PATCH bot-runtime ignores unknown fields instead of storing them in the workspace settings', async () => {
    const res = await send('PATCH', '/api/v2/workspace/bot-runtime/', '{"junk":{"nested":[1,2,3]},"constructor":"x","simulated_pool_size":3}');
    expect(res.statusCode).toBe(200);
    const { rows } = await ctx.deps.pool.query('SELECT settings FROM workspaces WHERE id = $1', [ws.id]);
    expect(rows[0].settings.bot_runtime).toEqual({ simulated_pool_size: 3 });
  });

  it('a refused dashboard sign-in code is a 401 with WWW-Authenticate, like every 401', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/dashboard/login', payload: { code: 'not-a-code' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Token');
    expect(res.json().code).toBe('authentication_failed');
  });

  it('provider notification refusals carry registered error bodies', async () => {
    const bare = await ctx.app.inject({ method: 'POST', url: '/provider-notifications/google/' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().code).toBe('invalid_request_data');
    const forged = await ctx.app.inject({ method: 'POST', url: '/provider-notifications/microsoft/', payload: { value: [{ subscriptionId: 's', clientState: 'x', changeType: 'updated' }] } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toEqual({ detail: 'Unknown channel or invalid channel secret.', code: 'authentication_failed' });
  });
});
