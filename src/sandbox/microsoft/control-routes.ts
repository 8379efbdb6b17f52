// The neutral control API (src/sandbox/shared/control-types.ts) under /__sandbox, plus Microsoft-only
// extensions: POST /accounts/:email/grant-error, GET /deliveries.
import type { FastifyInstance } from 'fastify';
import { CONTROL_PREFIX, type CreatedAccount, type EventInput, type ResponseStatus } from '../shared/control-types.js';
import { FaultError, parseFaultInput } from '../shared/faults.js';
import { realisticWeek } from '../shared/realistic-week.js';
import type { Ctx } from './context.js';
import { isKnownAadsts } from './errors.js';
import { InputError } from './event-input.js';
import { renderEvent, type ViewOpts } from './event-view.js';
import { opaqueToken } from './ids.js';
import { instanceAt } from './recurrence.js';
import { DEFAULT_SCOPES, normaliseScopes } from './scopes.js';
import type { LifecycleEvent } from './subscriptions.js';
import { stampOf, toMillis } from './timezones.js';
import type { EventRec } from './types.js';
import { safeEqual } from '../../crypto/tokens.js';

type Obj = Record<string, unknown>;
const VIEW: ViewOpts = { zone: 'UTC', zoneName: 'UTC', flavour: 'immutable' };
const DEFAULT_CLIENT = 'rollcall-sandbox-client';
const RESPONSES = new Set(['accepted', 'declined', 'tentative', 'needsAction']);
const LIFECYCLE = new Set(['reauthorizationRequired', 'subscriptionRemoved', 'missed']);

export function registerControlRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { store, identity, calendar } = ctx;
  const render = (ev: EventRec, stamp: string | null = null): Obj => {
    const acc = calendar.account(ev.email);
    return renderEvent(acc.rec, ev, stamp ? instanceAt(ev, stamp) : null, VIEW);
  };

  void app.register(
    async (c) => {
      c.setErrorHandler((err: Error, _req, reply) => {
        if (err instanceof InputError) return reply.code(err.status).send({ error: err.message });
        if (err instanceof FaultError) return reply.code(400).send({ error: err.message });
        const status = (err as { statusCode?: number }).statusCode ?? 500;
        return reply.code(status).send({ error: err.message });
      });

      c.post('/reset', async () => {
        store.reset();
        ctx.faults.clear();
        ctx.requests.clear();
        ctx.delta.forget();
        ctx.notifier.clear();
        return { ok: true };
      });

      c.post<{ Body: Obj }>('/clients', async (req) => {
        const b = req.body ?? {};
        if (typeof b.client_id !== 'string') throw new InputError('client_id is required');
        const client = identity.ensureClient(b.client_id, typeof b.client_secret === 'string' ? b.client_secret : null, {
          ...(Array.isArray(b.redirect_uris) ? { redirectUris: b.redirect_uris.map(String) } : {}),
          ...(typeof b.single_tenant === 'boolean' ? { singleTenant: b.single_tenant } : {}),
        });
        if (typeof b.client_secret === 'string') client.clientSecret = b.client_secret;
        return { client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: client.redirectUris };
      });

      c.post<{ Body: Obj }>('/accounts', async (req): Promise<CreatedAccount> => {
        const b = req.body ?? {};
        if (typeof b.email !== 'string' || !b.email.includes('@')) throw new InputError('email is required');
        const acc = store.ensureAccount(b.email, typeof b.name === 'string' ? b.name : undefined);
        const clientId = typeof b.client_id === 'string' ? b.client_id : DEFAULT_CLIENT;
        const given = typeof b.client_secret === 'string' ? b.client_secret : null;
        const client = identity.ensureClient(clientId, given ?? store.clients.get(clientId)?.clientSecret ?? opaqueToken('sbx~', 24));
        if (given && !safeEqual(client.clientSecret ?? '', given)) throw new InputError(`client ${clientId} is registered with another secret`, 409);
        const scopes = normaliseScopes(Array.isArray(b.scopes) ? b.scopes.map(String) : typeof b.scopes === 'string' ? b.scopes : DEFAULT_SCOPES);
        if (!scopes.includes('offline_access')) scopes.unshift('offline_access');
        const grant = identity.grantFor(acc.rec.email, clientId, scopes);
        return { email: acc.rec.email, client_id: clientId, client_secret: client.clientSecret!, refresh_token: identity.newRefreshToken(grant), scopes };
      });

      c.post<{ Params: { email: string } }>('/accounts/:email/revoke', async (req) => {
        identity.revoke(calendar.account(req.params.email).rec.email);
        return { ok: true };
      });

      c.post<{ Params: { email: string }; Body: Obj }>('/accounts/:email/grant-error', async (req) => {
        const acc = calendar.account(req.params.email);
        const code = req.body?.aadsts ?? null;
        if (code !== null && (typeof code !== 'number' || !isKnownAadsts(code))) throw new InputError(`unknown AADSTS code: ${String(code)}`);
        acc.rec.grantError = code;
        store.changed();
        return { ok: true, aadsts: code };
      });

      c.post<{ Params: { email: string } }>('/accounts/:email/expire-sync-state', async (req) => {
        const acc = calendar.account(req.params.email);
        acc.rec.syncGeneration++;
        ctx.delta.forget(acc.rec.email);
        store.changed();
        return { ok: true };
      });

      c.post<{ Params: { email: string }; Body: EventInput }>('/accounts/:email/events', async (req, reply) => {
        return reply.code(201).send(render(calendar.create(req.params.email, req.body)));
      });

      c.get<{ Params: { email: string } }>('/accounts/:email/events', async (req) => {
        const acc = calendar.account(req.params.email);
        return { value: [...acc.events.values()].sort((a, b) => a.createdAt - b.createdAt).map((ev) => render(ev)) };
      });

      c.patch<{ Params: { email: string; id: string }; Body: Partial<EventInput> }>('/accounts/:email/events/:id', async (req) => {
        const acc = calendar.account(req.params.email);
        const { stamp } = calendar.resolve(acc, req.params.id);
        return render(calendar.update(req.params.email, req.params.id, req.body ?? {}), stamp);
      });

      c.post<{ Params: { email: string; id: string } }>('/accounts/:email/events/:id/cancel', async (req) => {
        const acc = calendar.account(req.params.email);
        const { stamp } = calendar.resolve(acc, req.params.id);
        const ev = calendar.cancel(req.params.email, req.params.id);
        return acc.events.has(ev.core) && !stamp ? render(ev) : { id: req.params.id, removed: true };
      });

      c.delete<{ Params: { email: string; id: string } }>('/accounts/:email/events/:id', async (req, reply) => {
        calendar.remove(req.params.email, req.params.id);
        return reply.code(204).send();
      });

      c.post<{ Params: { email: string; id: string }; Body: Obj }>('/accounts/:email/events/:id/respond', async (req) => {
        const status = String(req.body?.responseStatus ?? '');
        if (!RESPONSES.has(status)) throw new InputError('responseStatus must be accepted, declined, tentative or needsAction');
        const acc = calendar.account(req.params.email);
        const { stamp } = calendar.resolve(acc, req.params.id);
        return render(calendar.respond(req.params.email, req.params.id, status as ResponseStatus), stamp);
      });

      c.post<{ Params: { email: string; id: string }; Body: Obj }>('/accounts/:email/events/:id/instances', async (req) => {
        const b = req.body ?? {};
        const acc = calendar.account(req.params.email);
        const { ev } = calendar.resolve(acc, req.params.id);
        if (!ev.recurrence) throw new InputError('not a recurring series');
        if (typeof b.originalStart !== 'string') throw new InputError('originalStart is required');
        const f = ev.fields;
        const stamp = stampOf(toMillis(b.originalStart, f.allDay, f.timeZone), f.allDay, f.timeZone);
        const patch: Partial<EventInput> = {};
        if (typeof b.start === 'string') patch.start = b.start;
        if (typeof b.end === 'string') patch.end = b.end;
        calendar.updateInstance(req.params.email, ev, stamp, patch, b.cancel === true);
        return b.cancel === true ? { id: `${ev.core}_${stamp}`, cancelled: true } : render(ev, stamp);
      });

      c.post<{ Params: { email: string }; Body: Obj }>('/accounts/:email/seed-week', async (req) => {
        const b = req.body ?? {};
        const acc = calendar.account(req.params.email);
        const events = realisticWeek({
          email: acc.rec.email,
          flavour: 'microsoft',
          ...(typeof b.seed === 'number' ? { seed: b.seed } : {}),
          ...(typeof b.weekStart === 'string' ? { weekStart: new Date(b.weekStart) } : {}),
          ...(typeof b.soonMinutes === 'number' ? { soonMinutes: b.soonMinutes } : {}),
        });
        for (const e of events) calendar.create(acc.rec.email, e);
        return { count: events.length };
      });

      c.post<{ Params: { email: string } }>('/accounts/:email/notify', async (req) => {
        const acc = calendar.account(req.params.email);
        const latest = [...acc.events.values()].sort((a, b) => b.updatedAt - a.updatedAt)[0];
        if (latest) ctx.subscriptions.onEventChange(acc.rec.email, latest, 'updated');
        return { ok: true, subscriptions: ctx.subscriptions.live().filter((s) => s.email === acc.rec.email).length };
      });

      c.post<{ Params: { id: string }; Body: Obj }>('/subscriptions/:id/lifecycle', async (req, reply) => {
        const event = String(req.body?.event ?? '');
        if (!LIFECYCLE.has(event)) throw new InputError('event must be reauthorizationRequired, subscriptionRemoved or missed');
        const r = ctx.subscriptions.lifecycle(req.params.id, event as LifecycleEvent);
        return reply.code(r.status).send(r.error ? { error: r.error.message } : r.body);
      });

      c.get('/channels', async () => ({ value: ctx.subscriptions.live().map((s) => ({ ...ctx.subscriptions.view(s), account: s.email })) }));

      c.post('/faults', async (req) => ({ id: ctx.faults.add(parseFaultInput(req.body)).id }));
      c.get('/faults', async () => ({ value: ctx.faults.list() }));
      c.delete('/faults', async (_req, reply) => {
        ctx.faults.clear();
        return reply.code(204).send();
      });
      c.delete<{ Params: { id: string } }>('/faults/:id', async (req, reply) => reply.code(ctx.faults.remove(req.params.id) ? 204 : 404).send());

      c.get<{ Querystring: { account?: string; limit?: string } }>('/requests', async (req) => ({
        value: ctx.requests.list({ account: req.query.account ?? null, ...(req.query.limit ? { limit: Number(req.query.limit) } : {}) }),
      }));

      c.get<{ Querystring: { account?: string } }>('/deliveries', async (req) => ({
        value: ctx.notifier.deliveries.filter((d) => !req.query.account || d.account === req.query.account.toLowerCase()),
      }));

      c.get('/state', async () => ({ ...store.snapshot(), faults: ctx.faults.list() }));
    },
    { prefix: CONTROL_PREFIX },
  );
}
