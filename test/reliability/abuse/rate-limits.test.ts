// Rate limits under a burst (issue part 6): one workspace firing far past its limit is throttled with the
// registered 429 and Retry-After, while another workspace — and another calendar user of the same workspace —
// keeps every request answered normally at the same time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createWorkspace, type TestContext } from '../../helpers/context.js';
import { FIGURES_FOR_SIZE, SIZE } from './support/size.js';

const BURST = SIZE === 'large' ? 600 : 150;

describe('rate limits under a burst', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMIT_ENABLED: 'true' });
  });
  afterAll(async () => ctx?.close());

  const get = (url: string, headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url, headers });

  it("throttles the bursting workspace and starves no other", async () => {
    const a = await createWorkspace(ctx.deps, 'burst-a');
    const b = await createWorkspace(ctx.deps, 'burst-b');
    // V2 calendars list: 60/min per workspace. B stays under its own limit while A bursts.
    const burst = Array.from({ length: BURST }, () => get('/api/v2/calendars/', { authorization: a.auth }));
    const quiet = Array.from({ length: 40 }, () => get('/api/v2/calendars/', { authorization: b.auth }));
    const [aRes, bRes] = await Promise.all([Promise.all(burst), Promise.all(quiet)]);
    const ok = aRes.filter((r) => r.statusCode === 200).length;
    const throttled = aRes.filter((r) => r.statusCode === 429);
    // Exactly the limit, unless the burst straddled a minute boundary (the sliding window then admits a little more).
    expect(ok).toBeGreaterThanOrEqual(60);
    expect(ok).toBeLessThanOrEqual(120);
    expect(ok + throttled.length).toBe(BURST);
    for (const r of throttled) {
      expect(r.json()).toMatchObject({ code: 'throttled' });
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect(bRes.map((r) => r.statusCode)).toEqual(bRes.map(() => 200));
    // Another bucket of A is untouched by the exhausted list bucket.
    expect((await get('/api/v2/webhook-endpoints/', { authorization: a.auth })).statusCode).toBe(200);
  }, FIGURES_FOR_SIZE.testTimeoutMs);

  it('throttles one calendar user without starving another user of the same workspace', async () => {
    const ws = await createWorkspace(ctx.deps, 'burst-v1');
    const mint = async (user: string) => (await ctx.app.inject({ method: 'POST', url: '/api/v1/calendar/authenticate/', headers: { authorization: ws.auth }, payload: { user_id: user } })).json().token as string;
    const [noisy, calm] = [await mint('noisy'), await mint('calm')];
    // V1 user endpoints: 120/min per calendar user.
    const burst = Array.from({ length: BURST + 120 }, () => get('/api/v1/calendar/user/', { 'x-recallcalendarauthtoken': noisy }));
    const quiet = Array.from({ length: 60 }, () => get('/api/v1/calendar/user/', { 'x-recallcalendarauthtoken': calm }));
    const [nRes, cRes] = await Promise.all([Promise.all(burst), Promise.all(quiet)]);
    const ok = nRes.filter((r) => r.statusCode === 200).length;
    expect(ok).toBeGreaterThanOrEqual(120);
    expect(ok).toBeLessThanOrEqual(240);
    expect(nRes.filter((r) => r.statusCode === 429).length).toBe(nRes.length - ok);
    expect(cRes.map((r) => r.statusCode)).toEqual(cRes.map(() => 200));
  }, FIGURES_FOR_SIZE.testTimeoutMs);

  it('counts no request that failed authentication against the workspace', async () => {
    const ws = await createWorkspace(ctx.deps, 'burst-forged');
    const wrong = `${ws.key.slice(0, -1)}${ws.key.endsWith('0') ? '1' : '0'}`;
    const forged = await Promise.all(Array.from({ length: 100 }, () => get('/api/v2/calendars/', { authorization: `Token ${wrong}` })));
    expect(new Set(forged.map((r) => r.statusCode))).toEqual(new Set([401]));
    const real = await Promise.all(Array.from({ length: 60 }, () => get('/api/v2/calendars/', { authorization: ws.auth })));
    expect(real.every((r) => r.statusCode === 200)).toBe(true);
  });
});
