// Fault injection on the Calendar API (providers.md §2.9): rate limits as 403 or 429, 5xx, latency, hangs,
// per-account scoping, counts; plus the request log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.em.close();
});

describe('faults', () => {
  it('rateLimitExceeded as 403 and as 429 with Retry-After', async () => {
    await h.control('POST', '/faults', { kind: 'rate_limit', status: 403, count: 1 });
    await h.control('POST', '/faults', { kind: 'rate_limit', retryAfter: 3, count: 1 });
    const a = await h.list({});
    expect(a.status).toBe(403);
    expect(a.body).toEqual({
      error: { errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }], code: 403, message: 'Rate Limit Exceeded' },
    });
    const b = await h.list({});
    expect(b.status).toBe(429);
    expect(b.headers.get('retry-after')).toBe('3');
    expect(b.body.error.errors[0].reason).toBe('rateLimitExceeded');
    expect((await h.list({})).status).toBe(200);
  });

  it('5xx backendError, quotaExceeded by reason, scoped to an account and a path', async () => {
    const other = await h.control('POST', '/accounts', { email: 'zed@acme.test', client_id: 'test-client' });
    expect(other.refresh_token).toBeDefined();
    const { id } = await h.control('POST', '/faults', { kind: 'error', status: 503, account: 'zed@acme.test' });
    expect((await h.list({})).status).toBe(200);
    await h.control('DELETE', `/faults/${id}`);
    await h.control('POST', '/faults', { kind: 'error', status: 500, path: '/events', count: 1 });
    const e = await h.list({});
    expect(e.status).toBe(500);
    expect(e.body.error.errors[0].reason).toBe('backendError');
    await h.control('POST', '/faults', { kind: 'error', status: 403, reason: 'quotaExceeded', count: 1 });
    const q = await h.list({});
    expect(q.body.error.errors[0]).toMatchObject({ domain: 'usageLimits', reason: 'quotaExceeded', message: 'Calendar usage limits exceeded.' });
    await h.control('POST', '/faults', { kind: 'error', status: 401, count: 1 });
    expect((await h.list({})).body.error.errors[0].reason).toBe('authError');
  });

  it('latency delays and timeouts hang until aborted', async () => {
    await h.control('POST', '/faults', { kind: 'latency', ms: 300, count: 1 });
    const t0 = Date.now();
    expect((await h.list({})).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    await h.control('POST', '/faults', { kind: 'timeout', count: 1 });
    await expect(h.api('/calendar/v3/calendars/primary/events', { signal: AbortSignal.timeout(500) })).rejects.toThrow();
    expect((await h.list({})).status).toBe(200);
    await expect(h.control('POST', '/faults', { kind: 'bogus' })).rejects.toThrow(/400/);
  });

  it('records provider requests, not control calls, newest last', async () => {
    await h.list({ maxResults: '1' });
    await h.api('/calendar/v3/calendars/primary/events/missing');
    const log = await h.control('GET', `/requests?account=${h.account.email}&limit=2`);
    expect(log.map((e: any) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/calendar/v3/calendars/primary/events', 200],
      ['GET', '/calendar/v3/calendars/primary/events/missing', 404],
    ]);
    expect(log.every((e: any) => e.account === h.account.email)).toBe(true);
    const state = await h.control('GET', '/state');
    expect(typeof state.refreshTokens).toBe('number'); // never dumps token values
  });
});
