import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/workspaces/api-keys.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
let ws: Awaited<ReturnType<typeof createWorkspace>>;

beforeAll(async () => {
  ctx = await createTestContext();
  ws = await createWorkspace(ctx.deps);
  for (let i = 0; i < 24; i++) await createApiKey(ctx.deps.pool, ws.id, `k${i}`);
});
afterAll(() => ctx.close());

const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers: { authorization: ws.auth, ...headers } });

describe('cursor pagination', () => {
  it('walks every row exactly once through absolute next links, and back through previous', async () => {
    const seen: string[] = [];
    let url: string | null = 'http://localhost/api/v2/api-keys?page_size=10&foo=bar';
    const pages: { next: string | null; previous: string | null; results: { id: string }[] }[] = [];
    while (url) {
      const u = new URL(url);
      const res = await get(u.pathname + u.search);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      pages.push(page);
      seen.push(...page.results.map((r: { id: string }) => r.id));
      url = page.next;
      if (url) {
        expect(url).toMatch(/^http:\/\/localhost(:\d+)?\/api\/v2\/api-keys\/\?/);
        expect(new URL(url).searchParams.get('foo')).toBe('bar');
        expect(new URL(url).searchParams.get('page_size')).toBe('10');
      }
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(pages.map((p) => p.results.length)).toEqual([10, 10, 5]);
    expect(pages[0].previous).toBeNull();
    const back = new URL(pages[2].previous!);
    const prev = (await get(back.pathname + back.search)).json();
    expect(prev.results.map((r: { id: string }) => r.id)).toEqual(pages[1].results.map((r) => r.id));
  });

  it('honours X-Forwarded-Proto and X-Forwarded-Host in next links', async () => {
    const res = await get('/api/v2/api-keys/?page_size=5', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'rollcall.example.com' });
    expect(res.json().next).toMatch(/^https:\/\/rollcall\.example\.com\/api\/v2\/api-keys\/\?page_size=5&cursor=/);
  });

  it('accepts a next URL passed back as the `next` parameter', async () => {
    const first = (await get('/api/v2/api-keys/?page_size=5')).json();
    const viaParam = await get(`/api/v2/api-keys/?page_size=5&next=${encodeURIComponent(first.next)}`);
    const viaLink = new URL(first.next);
    expect(viaParam.json().results).toEqual((await get(viaLink.pathname + viaLink.search)).json().results);
  });

  it('answers 404 Invalid cursor for forged cursors', async () => {
    for (const cursor of ['garbage', Buffer.from('{"d":"n","k":["x","y"]}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      const res = await get(`/api/v2/api-keys/?cursor=${cursor}`);
      expect(res.statusCode, cursor).toBe(404);
      expect(res.json()).toEqual({ detail: 'Invalid cursor', code: 'not_found' });
    }
  });

  it('caps pages at 100 and validates page_size', async () => {
    expect((await get('/api/v2/api-keys/?page_size=0')).statusCode).toBe(400);
    expect((await get('/api/v2/api-keys/?page_size=101')).statusCode).toBe(400);
    expect((await get('/api/v2/api-keys/')).json().results).toHaveLength(25);
  });
});
