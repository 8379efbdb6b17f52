// The webhook administration API: endpoints CRUD, secrets and rotation, validation, workspace isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let other: Awaited<ReturnType<typeof createWorkspace>>;

beforeAll(async () => {
  ctx = await createTestContext();
  ws = await createWorkspace(ctx.deps);
  other = await createWorkspace(ctx.deps);
});
afterAll(async () => ctx.close());

function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, auth = ws.auth) {
  return ctx.app.inject({ method, url, payload: payload as object | undefined, headers: { authorization: auth } });
}

describe('webhook endpoints API', () => {
  it('creates, lists, retrieves, updates and deletes an endpoint; the secret is returned on create', async () => {
    const created = await call('POST', '/api/v2/webhook-endpoints/', { url: 'https://app.example.com/hooks', event_types: ['calendar.update', 'bot.done'], description: 'main' });
    expect(created.statusCode).toBe(201);
    const ep = created.json();
    expect(ep).toMatchObject({ url: 'https://app.example.com/hooks', event_types: ['calendar.update', 'bot.done'], description: 'main', disabled: false, bot_payload_format: 'current', failing_since: null });
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(ep.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    const list = await call('GET', '/api/v2/webhook-endpoints/');
    expect(list.json().results.map((e: { id: string }) => e.id)).toEqual([ep.id]);
    expect(list.json().results[0].secret).toBeUndefined();

    expect((await call('GET', `/api/v2/webhook-endpoints/${ep.id}/`)).json()).toMatchObject({ id: ep.id, url: ep.url });
    const secret = await call('GET', `/api/v2/webhook-endpoints/${ep.id}/secret/`);
    expect(secret.json()).toEqual({ secret: ep.secret, previous_secret: null, previous_secret_expires_at: null });

    const patched = await call('PATCH', `/api/v2/webhook-endpoints/${ep.id}/`, { event_types: [], disabled: true });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ event_types: [], disabled: true, url: ep.url, description: 'main' });

    expect((await call('DELETE', `/api/v2/webhook-endpoints/${ep.id}/`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v2/webhook-endpoints/${ep.id}/`)).statusCode).toBe(404);
  });

  it('stores the secret encrypted, never in plaintext', async () => {
    const ep = (await call('POST', '/api/v2/webhook-endpoints/', { url: 'https://a.example.com/' })).json();
    const { rows } = await ctx.deps.pool.query('SELECT secret FROM webhook_endpoints WHERE id = $1', [ep.id]);
    expect(rows[0].secret).toMatch(/^enc:v1:/);
    expect(rows[0].secret).not.toContain(ep.secret.slice(6));
  });

  it('rotates a secret, keeping the previous one during the overlap', async () => {
    const ep = (await call('POST', '/api/v2/webhook-endpoints/', { url: 'https://b.example.com/' })).json();
    const rotated = await call('POST', `/api/v2/webhook-endpoints/${ep.id}/secret/rotate/`);
    expect(rotated.statusCode).toBe(200);
    const body = rotated.json();
    expect(body.secret).toMatch(/^whsec_/);
    expect(body.secret).not.toBe(ep.secret);
    expect(body.previous_secret).toBe(ep.secret);
    const hours = (Date.parse(body.previous_secret_expires_at) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it('hides another workspace\'s endpoints and messages (404)', async () => {
    const ep = (await call('POST', '/api/v2/webhook-endpoints/', { url: 'https://c.example.com/' })).json();
    for (const [method, url] of [
      ['GET', `/api/v2/webhook-endpoints/${ep.id}/`],
      ['GET', `/api/v2/webhook-endpoints/${ep.id}/secret/`],
      ['POST', `/api/v2/webhook-endpoints/${ep.id}/secret/rotate/`],
      ['GET', `/api/v2/webhook-endpoints/${ep.id}/messages/`],
      ['PATCH', `/api/v2/webhook-endpoints/${ep.id}/`],
      ['DELETE', `/api/v2/webhook-endpoints/${ep.id}/`],
    ] as const) {
      expect((await call(method, url, method === 'PATCH' ? { description: 'x' } : undefined, other.auth)).statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await call('GET', '/api/v2/webhook-endpoints/', undefined, other.auth)).json().results).toEqual([]);
    expect((await call('GET', '/api/v2/webhook-messages/msg_000000000000000000000000000/', undefined, other.auth)).statusCode).toBe(404);
    expect((await call('GET', '/api/v2/webhook-messages/not-a-message/')).statusCode).toBe(404);
  });

  it('answers bad input with 400 and per-field errors', async () => {
    const cases: [unknown, Record<string, unknown>][] = [
      [{ url: 'not a url' }, { url: [expect.stringContaining('valid URL')] }],
      [{ url: 'ftp://example.com/x' }, { url: [expect.stringContaining('http or https')] }],
      [{ url: 'javascript:alert(1)' }, { url: [expect.stringContaining('http or https')] }],
      [{ url: 'https://user:pw@example.com/' }, { url: [expect.stringContaining('credentials')] }],
      [{ url: `https://example.com/${'a'.repeat(2000)}` }, { url: [expect.stringContaining('2000')] }],
      [{ url: 'https://example.com/', event_types: ['calendar.update', 'bot.nope'] }, { event_types: { '1': ['"bot.nope" is not a valid choice.'] } }],
      [{ url: 'https://example.com/', description: 'x'.repeat(501) }, { description: ['Ensure this field has no more than 500 characters.'] }],
      [{ url: 'https://example.com/', bot_payload_format: 'xml' }, { bot_payload_format: [expect.any(String)] }],
      [{}, { url: ['This field is required.'] }],
    ];
    for (const [payload, errors] of cases) {
      const res = await call('POST', '/api/v2/webhook-endpoints/', payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_request_data', errors });
    }
    const ep = (await call('POST', '/api/v2/webhook-endpoints/', { url: 'https://d.example.com/' })).json();
    const bad = await call('PATCH', `/api/v2/webhook-endpoints/${ep.id}/`, { url: 'gopher://x', event_types: ['nope'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toMatchObject({ url: [expect.any(String)], event_types: { '0': [expect.any(String)] } });
    const since = await call('POST', `/api/v2/webhook-endpoints/${ep.id}/recover/`, { since: 'yesterday' });
    expect(since.statusCode).toBe(400);
    expect(since.json().errors).toMatchObject({ since: [expect.any(String)] });
  });

  it('serves the workspace secret, created on first use, and rotates it', async () => {
    const first = await call('GET', '/api/v2/webhook-secret/');
    expect(first.statusCode).toBe(200);
    expect(first.json().secret).toMatch(/^whsec_/);
    expect((await call('GET', '/api/v2/webhook-secret/')).json().secret).toBe(first.json().secret);
    expect((await call('GET', '/api/v2/webhook-secret/', undefined, other.auth)).json().secret).not.toBe(first.json().secret);
    const rotated = (await call('POST', '/api/v2/webhook-secret/rotate/')).json();
    expect(rotated.previous_secret).toBe(first.json().secret);
    expect(rotated.secret).not.toBe(first.json().secret);
  });
});
