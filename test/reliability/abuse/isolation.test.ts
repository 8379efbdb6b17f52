// Workspace isolation (issue part 4): for every route that takes an id, workspace B's credentials get 404 — the
// registered not_found body, never 403, nothing of A's in it — for each of A's calendars, events, bots, endpoints,
// messages, keys and V1 meetings, and A's resources are unchanged afterwards. Lists never show A's rows to B,
// and a V1 calendar token of one workspace opens nothing in another.
import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes, type AppRoute } from './support/routes.js';
import { startScenario, type Scenario } from './support/scenario.js';

/** Bodies that pass each route's schema, so a 404 can only come from the ownership check. */
const VALID_BODY: Record<string, unknown> = {
  'POST /api/v2/calendar-events/:id/bot': { deduplication_key: 'b-key', bot_config: { bot_name: 'B' } },
  'POST /api/v2/webhook-endpoints/:id/recover': { since: '2020-01-01T00:00:00Z' },
  'PATCH /api/v2/webhook-endpoints/:id': { description: 'taken over' },
  'PATCH /api/v2/calendars/:id': { webhook_url: null },
  'PUT /api/v2/calendars/:id': { webhook_url: null },
  'PATCH /api/v1/bot/:id': { bot_name: 'B' },
  'PUT /api/v1/bot/:id': { bot_name: 'B' },
  'PATCH /api/v1/calendar/meetings/:id': { override_should_record: true },
  'PUT /api/v1/calendar/meetings/:id': { override_should_record: true },
};

describe('workspace isolation', () => {
  let s: Scenario;
  let routes: AppRoute[];
  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(s.h.base + path, {
      method,
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
  const asB = () => ({ authorization: s.b.auth, 'x-recallcalendarauthtoken': s.b.token });
  const asA = () => ({ authorization: s.a.auth, 'x-recallcalendarauthtoken': s.a.token });

  beforeAll(async () => {
    s = await startScenario();
    routes = listRoutes(s.h.ctx.app);
  }, 120_000);
  afterAll(async () => s?.h.close());

  it("answers 404 to B for each of A's ids on every id route, and leaves A's resources as they were", async () => {
    const idRoutes = routes.filter((r) => r.params.includes('id'));
    expect(idRoutes.length).toBeGreaterThan(15);
    const before = await Promise.all(idRoutes.filter((r) => r.method === 'GET').flatMap((r) => Object.values(s.ids).map(async (id) => [`${r.url} ${id}`, (await call('GET', r.url.replace(':id', id), asA())).text] as const)));
    const failures: string[] = [];
    for (const route of idRoutes) {
      for (const [kind, id] of Object.entries(s.ids)) {
        for (const variant of kind === 'calendar' ? [id, id.toUpperCase()] : [id]) {
          const path = route.url.replace(':id', variant);
          const res = await call(route.method, path, asB(), VALID_BODY[`${route.method} ${route.url}`] ?? (route.method === 'GET' || route.method === 'DELETE' ? undefined : {}));
          const leaked = Object.values(s.ids).filter((x) => x !== id && res.text.includes(x));
          if (res.status !== 404 || JSON.parse(res.text).code !== 'not_found' || leaked.length) failures.push(`${route.method} ${route.url} with A's ${kind}: ${res.status} ${res.text.slice(0, 150)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Nothing B attempted changed what A sees (GETs answer the same, allowing for sync-time fields).
    const volatile = /"(updated_at|last_synced_at|next_sync_at|sync_[a-z_]+|last_[a-z_]+_at|status_changes|expires_at|last_used_at)":("[^"]*"|null|\[[^\]]*\])/g;
    for (const [key, text] of before) {
      const [url, id] = key.split(' ');
      const now = (await call('GET', url.replace(':id', id), asA())).text;
      expect(now.replace(volatile, ''), key).toBe(text.replace(volatile, ''));
    }
  }, 180_000);

  it("A's own credentials reach each id (the ids are real, so the 404s above prove isolation)", async () => {
    const probes: [string, string][] = [
      [`/api/v2/calendars/${s.ids.calendar}/`, s.ids.calendar], [`/api/v2/calendar-events/${s.ids.event}/`, s.ids.event], [`/api/v1/bot/${s.ids.bot}/`, s.ids.bot],
      [`/api/v2/webhook-endpoints/${s.ids.endpoint}/`, s.ids.endpoint], [`/api/v2/webhook-messages/${s.ids.message}/`, s.ids.message], [`/api/v1/calendar/meetings/${s.ids.meeting}/`, s.ids.meeting],
    ];
    for (const [path, id] of probes) {
      const res = await call('GET', path, asA());
      expect(res.status, path).toBe(200);
      expect(res.text).toContain(id);
    }
  });

  it("never lists A's rows to B, whatever the filters", async () => {
    const lists = routes.filter((r) => r.method === 'GET' && r.params.length === 0 && r.url.startsWith('/api/'));
    const filters = ['', `?calendar_id=${s.ids.calendar}`, `?email=alice@acme.test`, `?meeting_url=https://us02web.zoom.us/j/84315220467`, `?paginate=true`, `?ical_uid=`];
    for (const route of lists) {
      for (const f of filters) {
        const res = await call('GET', route.url + f, asB());
        expect(res.status, route.url + f).toBeLessThan(500);
        for (const id of Object.values(s.ids)) expect(res.text.includes(id), `${route.url}${f} shows ${id}`).toBe(false);
        expect(res.text).not.toContain('alice@acme');
        expect(res.text).not.toContain('victor');
      }
    }
  });

  it("does not replay B's message to A's endpoint, nor let B remove A's OAuth client", async () => {
    const replay = await call('POST', `/api/v2/webhook-messages/${s.b.messageId}/replay/`, asB(), { endpoint_id: s.ids.endpoint });
    // A body field naming another workspace's endpoint reads exactly like one naming no endpoint at all.
    const unknown = await call('POST', `/api/v2/webhook-messages/${s.b.messageId}/replay/`, asB(), { endpoint_id: '00000000-0000-4000-8000-000000000000' });
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect([replay.status, replay.text]).toEqual([unknown.status, unknown.text]);
    const { rows } = await s.h.ctx.deps.pool.query('SELECT count(*)::int AS n FROM webhook_deliveries WHERE message_id = $1 AND endpoint_id = $2', [s.b.messageId, s.ids.endpoint]);
    expect(rows[0].n).toBe(0);
    expect((await call('DELETE', '/api/v2/workspace/oauth-clients/google/', asB())).status).toBe(404);
    const clients = JSON.parse((await call('GET', '/api/v2/workspace/oauth-clients/', asA())).text);
    expect(clients.find((c: { provider: string }) => c.provider === 'google').configured).toBe(true);
  });

  it("makes A's calendar tokens useless outside A", async () => {
    const bUser = JSON.parse((await call('GET', '/api/v1/calendar/user/', { 'x-recallcalendarauthtoken': s.b.token })).text);
    // A's token with B's key still means A's user: the token decides (§2.2), never B's data.
    const mixed = JSON.parse((await call('GET', '/api/v1/calendar/user/', { authorization: s.b.auth, 'x-recallcalendarauthtoken': s.a.token })).text);
    expect(mixed.id).toBe(s.ids.user);
    // A's signature over claims naming B's workspace and user.
    const [header, , signature] = s.a.token.split('.');
    const claims = { ...decodeJwt(s.a.token), wid: s.b.id, sub: bUser.id };
    const swapped = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    // A token signed with A's real secret but claiming B's workspace.
    const secretRow = (await s.h.ctx.deps.pool.query('SELECT * FROM calendar_token_secrets WHERE workspace_id = $1', [s.a.id])).rows[0];
    const aSecret = s.h.ctx.deps.secrets.decrypt(Object.entries(secretRow).find(([k]) => k.endsWith('_enc'))![1] as string);
    const forged = await new SignJWT({ wid: s.b.id }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer('rollcall').setSubject(bUser.id).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(aSecret));
    // ...and the same claims for A's user but B's workspace id.
    const crossed = await new SignJWT({ wid: s.b.id }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer('rollcall').setSubject(s.ids.user).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(aSecret));
    for (const token of [swapped, forged, crossed]) {
      for (const path of ['/api/v1/calendar/user/', '/api/v1/calendar/meetings/', `/api/v1/calendar/meetings/${s.ids.meeting}/`]) {
        const res = await call('GET', path, { 'x-recallcalendarauthtoken': token });
        expect(res.status, path).toBe(401);
        expect(JSON.parse(res.text).code).toBe('authentication_failed');
      }
    }
    // A calendar token is not an API key anywhere.
    for (const scheme of ['Token', 'Bearer', '']) {
      const res = await call('GET', '/api/v2/calendars/', { authorization: `${scheme} ${s.a.token}`.trim() });
      expect(res.status).toBe(401);
    }
  });
});
