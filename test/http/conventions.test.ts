import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorRegistry } from '../../src/errors.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let auth: string;

beforeAll(async () => {
  ctx = await createTestContext({ BODY_LIMIT_BYTES: '2048' });
  auth = (await createWorkspace(ctx.deps)).auth;
});
afterAll(() => ctx.close());

describe('Recall API conventions', () => {
  it('answers every route with and without the trailing slash, for every method, without redirect', async () => {
    for (const url of ['/api/v2/api-keys', '/api/v2/api-keys/']) {
      const get = await ctx.app.inject({ method: 'GET', url, headers: { authorization: auth } });
      expect(get.statusCode, url).toBe(200);
      const post = await ctx.app.inject({ method: 'POST', url, headers: { authorization: auth }, payload: { description: 'x' } });
      expect(post.statusCode, url).toBe(201);
      expect(post.json().description).toBe('x');
    }
  });

  it('reads an empty body with Content-Type application/json, a null body and no body as {}', async () => {
    for (const payload of ['', 'null', undefined]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v2/api-keys/',
        headers: { authorization: auth, ...(payload !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}) },
        payload,
      });
      expect(res.statusCode, String(payload)).toBe(201);
    }
  });

  it('ignores unknown body fields and query parameters', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v2/api-keys/?foo=bar', headers: { authorization: auth }, payload: { description: 'y', id: 'z', junk: [1] } });
    expect(res.statusCode).toBe(201);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/v2/api-keys/?unknown=1&x=', headers: { authorization: auth } });
    expect(list.statusCode).toBe(200);
  });

  it('parses a body without Content-Type as JSON and refuses other types with 415', async () => {
    const noType = await ctx.app.inject({ method: 'POST', url: '/api/v2/api-keys/', headers: { authorization: auth }, payload: Buffer.from('{"description":"raw"}') });
    expect(noType.statusCode).toBe(201);
    expect(noType.json().description).toBe('raw');
    const text = await ctx.app.inject({ method: 'POST', url: '/api/v2/api-keys/', headers: { authorization: auth, 'content-type': 'text/plain' }, payload: 'hi' });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toEqual({ detail: 'Unsupported media type "text/plain" in request.', code: 'unsupported_media_type' });
  });

  it('answers malformed JSON with the validation envelope', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v2/api-keys/', headers: { authorization: auth, 'content-type': 'application/json' }, payload: '{"description":' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('invalid_request_data');
    expect(body.errors.non_field_errors[0]).toMatch(/^JSON parse error - /);
  });

  it('reports invalid fields DRF-style', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v2/api-keys/', headers: { authorization: auth }, payload: { description: 'x'.repeat(201) } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'invalid_request_data',
      message: 'Unable to process request because invalid data was submitted. Check `errors` field for more details.',
      errors: { description: ['Ensure this field has no more than 200 characters.'] },
    });
  });

  it('refuses a body over the limit with 413 before reading it', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v2/api-keys/', headers: { authorization: auth, 'content-type': 'application/json' }, payload: JSON.stringify({ description: 'x'.repeat(5000) }) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('answers 404 for unknown paths and malformed ids, 405 with Allow for other methods', async () => {
    const unknown = await ctx.app.inject({ method: 'GET', url: '/api/v2/nope/', headers: { authorization: auth } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ detail: 'Not found.', code: 'not_found' });
    const badId = await ctx.app.inject({ method: 'DELETE', url: '/api/v2/api-keys/not-a-uuid/', headers: { authorization: auth } });
    expect(badId.statusCode).toBe(404);
    const put = await ctx.app.inject({ method: 'PUT', url: '/api/v2/api-keys', headers: { authorization: auth } });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toContain('GET');
    expect(put.headers.allow).toContain('POST');
  });

  it('sets X-Request-Id on every answer and echoes a sane client id', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    const err = await ctx.app.inject({ method: 'GET', url: '/nope' });
    expect(err.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
  });

  it('serves health, readiness, metrics and OpenAPI 3.1', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
    const metrics = await ctx.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('rollcall_http_request_duration_seconds');
    const openapi = await ctx.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(openapi.json().openapi).toBe('3.1.0');
    expect(Object.keys(openapi.json().paths)).toContain('/api/v2/api-keys/');
    const docs = await ctx.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});

describe('form bodies', () => {
  it('accepts flat form-urlencoded and multipart/form-data bodies', async () => {
    const form = await ctx.app.inject({ method: 'POST', url: '/api/v2/api-keys/', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'description=from%20a%20form' });
    expect(form.statusCode).toBe(201);
    expect(form.json().description).toBe('from a form');
    const boundary = 'rollcallboundary';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nfrom multipart\r\n--${boundary}--\r\n`;
    const multi = await ctx.app.inject({ method: 'POST', url: '/api/v2/api-keys/', headers: { authorization: auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(multi.statusCode).toBe(201);
    expect(multi.json().description).toBe('from multipart');
  });

  it('refuses file parts in multipart bodies with a 4xx', async () => {
    const boundary = 'b';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`;
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v2/api-keys/', headers: { authorization: auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(Object.keys(errorRegistry)).toContain(res.json().code);
  });
});
