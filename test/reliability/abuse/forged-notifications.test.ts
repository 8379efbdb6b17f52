// Forged provider notifications (issue part 6): a wrong Google channel token or Graph clientState — for a real
// channel or an invented one, singly or in a batch of hundreds — is refused with a registered 401 at the cost of
// at most one indexed lookup: no provider request, no job, no row written. A genuine one is accepted and
// enqueues a sync (so the checks below can fail).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCalendar } from '../../../src/db/calendars.js';
import { startGoogleEmulator, type GoogleEmulator } from '../../../src/sandbox/google/server.js';
import { sandboxEnv } from '../../../src/sandbox/index.js';
import { startMicrosoftEmulator, type MicrosoftEmulator } from '../../../src/sandbox/microsoft/server.js';
import { CONTROL_PREFIX } from '../../../src/sandbox/shared/control-types.js';
import { createTestContext, createWorkspace, type TestContext } from '../../helpers/context.js';
import { makeCalendar } from '../../scheduling/fixtures.js';
import { changedTables, snapshot } from './support/snapshot.js';

describe('forged provider notifications', () => {
  let ctx: TestContext;
  let google: GoogleEmulator;
  let microsoft: MicrosoftEmulator;
  const channel = { google: 'chan-google-1', graph: 'sub-graph-1' };
  const secret = { google: 'real-google-channel-token', graph: 'real-graph-client-state' };
  let queries = 0;

  beforeAll(async () => {
    google = await startGoogleEmulator({});
    microsoft = await startMicrosoftEmulator({ httpsPort: null });
    ctx = await createTestContext({ ...sandboxEnv(google.url, microsoft.url), SYNC_DEBOUNCE_MS: '0' });
    const ws = await createWorkspace(ctx.deps);
    for (const p of ['google', 'graph'] as const) {
      const id = await makeCalendar(ctx.deps, ws.id, `${p}@acme.test`);
      await updateCalendar(ctx.deps.pool, id, { push_channel_id: channel[p], push_secret_enc: ctx.deps.secrets.encrypt(secret[p]), push_expires_at: new Date(Date.now() + 86_400_000) });
    }
    // Count every statement the app sends from here on: pool.query and transactions both run on checked-out clients.
    const wrapped = new WeakSet<object>();
    ctx.deps.pool.on('acquire', (client) => {
      if (wrapped.has(client)) return;
      wrapped.add(client);
      const query = client.query.bind(client);
      client.query = ((...args: Parameters<typeof client.query>) => {
        queries++;
        return query(...args);
      }) as typeof client.query;
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await google?.close();
    await microsoft?.close();
  });

  const providerRequests = async () => {
    const n = await Promise.all([google.url, microsoft.url].map(async (u) => ((await (await fetch(`${u}${CONTROL_PREFIX}/requests?limit=100000`)).json()) as unknown[]).length));
    return n[0] + n[1];
  };
  const googlePush = (id: string, token: string | null) => ctx.app.inject({
    method: 'POST', url: '/provider-notifications/google/',
    headers: { 'x-goog-channel-id': id, ...(token === null ? {} : { 'x-goog-channel-token': token }), 'x-goog-resource-state': 'exists', 'x-goog-message-number': '7', 'x-goog-resource-id': 'r1' },
  });
  const graphPush = (items: { subscriptionId: string; clientState?: string }[]) => ctx.app.inject({
    method: 'POST', url: '/provider-notifications/microsoft/', headers: { 'content-type': 'application/json' },
    payload: { value: items.map((i) => ({ ...i, changeType: 'updated', resource: 'me/events/x', resourceData: { id: 'x' } })) },
  });

  async function expectCheapRefusal(send: () => ReturnType<typeof googlePush>, maxQueries: number) {
    // Taking the snapshots goes through the pool too: count only the request.
    const before = await snapshot(ctx.deps.pool);
    const providerBefore = await providerRequests();
    queries = 0;
    const res = await send();
    const spent = queries;
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'authentication_failed' });
    expect(spent).toBeLessThanOrEqual(maxQueries);
    expect(changedTables(before, await snapshot(ctx.deps.pool))).toEqual([]);
    expect(await providerRequests()).toBe(providerBefore);
  }

  it('refuses forged Google notifications with at most one lookup', async () => {
    await expectCheapRefusal(() => googlePush(channel.google, 'forged-token'), 1);
    await expectCheapRefusal(() => googlePush(channel.google, secret.google.slice(0, -1)), 1);
    await expectCheapRefusal(() => googlePush('invented-channel', 'whatever'), 1);
    await expectCheapRefusal(() => googlePush(channel.google, null), 0);
    await expectCheapRefusal(() => googlePush('x'.repeat(5000), 'whatever'), 0);
  });

  it('refuses forged Graph batches of any size with one lookup', async () => {
    await expectCheapRefusal(() => graphPush([{ subscriptionId: channel.graph, clientState: 'forged' }]), 1);
    await expectCheapRefusal(() => graphPush(Array.from({ length: 500 }, (_, i) => ({ subscriptionId: `invented-${i}`, clientState: 'forged' }))), 1);
    await expectCheapRefusal(() => graphPush(Array.from({ length: 500 }, () => ({ subscriptionId: channel.graph, clientState: 'forged' }))), 1);
    await expectCheapRefusal(() => graphPush([{ subscriptionId: channel.graph }]), 0);
  });

  it('serves the lookups from the push-channel index', async () => {
    // On a table this small any index is as cheap as another; inside a rolled-back transaction, unrelated indexes
    // the planner prefers are dropped until it shows whether the push-channel index can serve the query at all.
    const client = await ctx.deps.pool.connect();
    try {
      for (const [sql, arg] of [['SELECT id FROM calendars WHERE push_channel_id = $1 AND deleted_at IS NULL', 'x'], ['SELECT id FROM calendars WHERE push_channel_id = ANY($1::text[]) AND push_channel_id IS NOT NULL AND deleted_at IS NULL', ['x', 'y']]] as const) {
        await client.query('BEGIN');
        await client.query('SET LOCAL enable_seqscan = off');
        let plan = '';
        for (let i = 0; i < 10; i++) {
          plan = (await client.query(`EXPLAIN ${sql}`, [arg])).rows.map((r) => r['QUERY PLAN']).join('\n');
          const other = /(?:Index (?:Only )?Scan using|Bitmap Index Scan on) (\w+)/.exec(plan)?.[1];
          if (!other || other === 'calendars_push_channel_key' || other.endsWith('_pkey')) break;
          await client.query(`DROP INDEX ${other}`);
        }
        await client.query('ROLLBACK');
        expect(plan).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) calendars_push_channel_key/);
      }
    } finally {
      client.release();
    }
  });

  it('accepts a genuine notification and enqueues a sync (the checks above can fail)', async () => {
    const jobs = async () => (await ctx.deps.pool.query('SELECT count(*)::int AS n FROM graphile_worker._private_jobs')).rows[0].n as number;
    const before = await jobs();
    expect((await googlePush(channel.google, secret.google)).statusCode).toBe(200);
    expect((await graphPush([{ subscriptionId: 'invented', clientState: 'x' }, { subscriptionId: channel.graph, clientState: secret.graph }])).statusCode).toBe(202);
    expect(await jobs()).toBeGreaterThan(before);
  });
});
