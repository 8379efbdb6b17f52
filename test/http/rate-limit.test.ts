import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src/http/rate-limiter.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';

describe('sliding window limiter', () => {
  it('allows `limit` per minute, then asks to wait, and weighs the previous minute', () => {
    let now = 60_000 * 1000;
    const l = new SlidingWindowLimiter(60_000, () => now);
    for (let i = 0; i < 10; i++) expect(l.hit('a', 10)).toBe(0);
    const wait = l.hit('a', 10);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(l.hit('b', 10)).toBe(0); // other subjects are not affected
    now += 60_000; // next window: the previous 10 still weigh fully at its start
    expect(l.hit('a', 10)).toBeGreaterThan(0);
    now += 30_000; // half-way: previous weighs 5
    for (let i = 0; i < 5; i++) expect(l.hit('a', 10)).toBe(0);
    expect(l.hit('a', 10)).toBeGreaterThan(0);
  });
});

describe('API rate limits', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('answers 429 throttled with Retry-After once a workspace exceeds its limit, without starving another', async () => {
    const a = await createWorkspace(ctx.deps);
    const b = await createWorkspace(ctx.deps);
    const codes: number[] = [];
    for (let i = 0; i < 61; i++) codes.push((await ctx.app.inject({ method: 'GET', url: '/api/v2/api-keys/', headers: { authorization: a.auth } })).statusCode);
    expect(codes.slice(0, 60).every((c) => c === 200)).toBe(true);
    const limited = await ctx.app.inject({ method: 'GET', url: '/api/v2/api-keys/', headers: { authorization: a.auth } });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.json().code).toBe('throttled');
    expect(limited.json().detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds?\.$/);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v2/api-keys/', headers: { authorization: b.auth } })).statusCode).toBe(200);
  });
});
