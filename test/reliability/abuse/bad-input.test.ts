// Property-based fuzzing of every route of the app (issue part 3): hostile paths, query strings, bodies and
// headers. Every answer is a success or a 4xx with a registered code in the contract's shape, within a
// per-request timeout, and a rejected request leaves every table (graphile-worker's included) unchanged.
// `RELIABILITY_SIZE=large` runs many more inputs; `RELIABILITY_REPORT=<file>` writes the figures as JSON.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, headerVariant, nastyString, queryString, type HeaderVariant, type Plausible } from './support/arbitraries.js';
import { errorBodyViolation } from './support/error-bodies.js';
import { startFuzzWorld, type FuzzWorld } from './support/fuzz-world.js';
import { COMMON_KEYS, routeFields } from './support/openapi-fields.js';
import { fillPath, listRoutes, type AppRoute } from './support/routes.js';
import { FIGURES_FOR_SIZE as F, SEED, SIZE } from './support/size.js';
import { changedTables, snapshot, type Snapshot } from './support/snapshot.js';

const REQUEST_TIMEOUT_MS = 10_000;
/** Path parameters the fuzzer knows how to fill; a new kind fails the coverage test until it is added here. */
const PARAM_KINDS = ['id', 'provider'];

interface Input {
  path: Record<string, string>;
  rawPath: boolean;
  slash: boolean;
  query: string;
  body: string | undefined;
  headers: HeaderVariant;
}

interface Figures {
  inputs: number;
  statuses: Record<string, number>;
  violations: string[];
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)))]).finally(() => clearTimeout(timer));
}

const printable = (s: string) => /^[\x21-\x7e]*$/.test(s);

describe('bad input on every route', () => {
  let world: FuzzWorld;
  let routes: AppRoute[];
  let fields: Map<string, string[]>;
  let last: Snapshot | null = null;
  const figures = new Map<string, Figures>();

  beforeAll(async () => {
    world = await startFuzzWorld();
    routes = listRoutes(world.ctx.app);
    fields = await routeFields(world.ctx.app);
    await world.calendarToken();
  });
  afterAll(async () => {
    if (process.env.RELIABILITY_REPORT) {
      writeFileSync(process.env.RELIABILITY_REPORT, JSON.stringify({ size: SIZE, seed: SEED, routes: Object.fromEntries(figures) }, null, 2));
    }
    await world?.close();
  });

  it('sees every route of the app and can fill each path parameter', () => {
    const urls = new Set(routes.map((r) => `${r.method} ${r.url}`));
    // Known anchors: if route discovery broke, these are missing and the fuzz below would cover nothing.
    for (const r of ['GET /api/v2/calendars/', 'POST /api/v2/calendar-events/:id/bot/', 'PUT /api/v1/calendar/user/', 'POST /provider-notifications/google/', 'DELETE /api/v1/bot/:id/']) {
      expect(urls.has(r) || urls.has(r.replace(/\/$/, ''))).toBe(true);
    }
    const unknown = routes.filter((r) => r.params.some((p) => !PARAM_KINDS.includes(p)));
    expect(unknown.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(routes.length).toBeGreaterThan(40);
  });

  it('answers hostile input with a registered 4xx or a success, never a 5xx or a hang, and rejected input writes nothing', async () => {
    const pool = world.ctx.deps.pool;
    for (const route of routes) {
      const keys = [...new Set([...(fields.get(`${route.method} ${route.url}`) ?? []), ...COMMON_KEYS])];
      const plausible: Plausible = { ids: [...world.ids, ...world.foreignIds], strings: keys };
      const input: fc.Arbitrary<Input> = fc.record({
        path: fc.record(Object.fromEntries(route.params.map((p) => [p, fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...world.ids) },
          { weight: 1, arbitrary: fc.constantFrom(...world.foreignIds, 'google', 'microsoft') },
          { weight: 4, arbitrary: nastyString(plausible, 3000) },
        )]))),
        rawPath: fc.boolean(),
        slash: fc.boolean(),
        query: queryString(plausible, keys, F.maxString),
        body: bodyText(plausible, keys, F.maxString, F.maxArray),
        headers: headerVariant(),
      });
      const fig: Figures = { inputs: 0, statuses: {}, violations: [] };
      figures.set(`${route.method} ${route.url}`, fig);

      const result = await fc.check(fc.asyncProperty(input, async (inp) => {
        if (await world.ensureCalendarUser()) last = null;
        const token = await world.calendarToken();
        let url = fillPath(route, (p) => inp.path[p] ?? '', inp.rawPath && Object.values(inp.path).every(printable));
        if (!inp.slash) url = url.replace(/\/$/, '') || '/';
        if (inp.query) url += `?${inp.query}`;
        const headers: Record<string, string> = { ...inp.headers.extra };
        const auth = inp.headers.authorization === undefined ? world.auth : inp.headers.authorization;
        if (auth !== null) headers.authorization = auth;
        const cal = inp.headers.calendarToken === undefined ? token : inp.headers.calendarToken;
        if (cal !== null) headers['x-recallcalendarauthtoken'] = cal;
        let payload = inp.body;
        const type = inp.headers.contentType === undefined ? (payload === undefined ? undefined : 'application/json') : inp.headers.contentType;
        if (type) headers['content-type'] = type;
        if (type === 'application/x-www-form-urlencoded' && payload) {
          try {
            const obj = JSON.parse(payload) as Record<string, unknown>;
            if (obj && typeof obj === 'object') payload = new URLSearchParams(Object.entries(obj).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
          } catch {
            /* send the malformed text as it is */
          }
        }
        const before = last ?? (await snapshot(pool));
        let res;
        try {
          res = await withTimeout(world.ctx.app.inject({ method: route.method as 'GET', url, headers, payload }), REQUEST_TIMEOUT_MS);
        } catch (err) {
          // The injector refused to build the request (a client-side limit, not the server's answer).
          if (/Invalid|ERR_/.test(String((err as Error).message ?? err))) return true;
          throw err;
        }
        fig.inputs++;
        const where = `${route.method} ${url.slice(0, 200)}`;
        if (res === 'timeout') {
          last = null;
          fig.violations.push(`${where}: no answer within ${REQUEST_TIMEOUT_MS} ms`);
          return false;
        }
        fig.statuses[res.statusCode] = (fig.statuses[res.statusCode] ?? 0) + 1;
        const after = await snapshot(pool);
        last = after;
        let violation = errorBodyViolation(res.statusCode, res.headers['content-type'] as string | undefined, res.body, url);
        if (!violation && res.statusCode === 405 && !res.headers.allow) violation = '405 without Allow';
        if (!violation && res.statusCode === 401 && !res.headers['www-authenticate'] && !route.url.startsWith('/provider-notifications/') && !route.url.startsWith('/api/v1/runtime-callbacks/')) violation = '401 without WWW-Authenticate';
        if (!violation && res.statusCode >= 400) {
          const changed = changedTables(before, after, 'idempotency-key' in headers ? ['public.idempotency_keys'] : []);
          if (changed.length) violation = `rejected with ${res.statusCode} but changed ${changed.join(', ')}`;
        }
        if (violation) {
          fig.violations.push(`${where}: ${violation} [body ${JSON.stringify(inp.body?.slice(0, 200))}, content-type ${JSON.stringify(type)}]`);
          return false;
        }
        return true;
      }), { numRuns: F.runsPerRoute, seed: SEED, endOnFailure: SIZE === 'ci', interruptAfterTimeLimit: F.testTimeoutMs });
      if (result.failed && fig.violations.length === 0) fig.violations.push(`property error: ${String(result.errorInstance ?? result.counterexample)}`);
    }
    const violations = [...figures.values()].flatMap((f) => f.violations);
    const total = [...figures.values()].reduce((n, f) => n + f.inputs, 0);
    expect(total).toBeGreaterThanOrEqual(routes.length * Math.min(F.runsPerRoute, 10));
    expect(violations).toEqual([]);
  }, F.testTimeoutMs * 2);
});
