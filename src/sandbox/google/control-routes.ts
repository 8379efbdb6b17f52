// The neutral control API (see ../shared/control-types.ts) for the Google emulator, under /__sandbox.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CONTROL_PREFIX, type CreatedAccount, type EventInput } from '../shared/control-types.js';
import { FaultError, parseFaultInput, type FaultRegistry } from '../shared/faults.js';
import { realisticWeek } from '../shared/realistic-week.js';
import type { RequestLog } from '../shared/request-log.js';
import { viewEvent, type ViewContext } from './event-view.js';
import { ControlError, type EventService } from './events.js';
import { normaliseScopes, type OAuthService } from './oauth.js';
import type { PushHub } from './push.js';
import { grantKey, type GoogleState } from './state.js';
import type { StoredEvent } from './types.js';
import { safeEqual } from '../../crypto/tokens.js';

export const DEFAULT_SCOPES = ['openid', 'email', 'https://www.googleapis.com/auth/calendar.events.readonly'];
export const DEFAULT_CLIENT_ID = 'rollcall-sandbox.apps.googleusercontent.com';

export interface ControlDeps {
  state: GoogleState;
  oauth: OAuthService;
  events: EventService;
  push: PushHub;
  faults: FaultRegistry;
  log: RequestLog;
  origin: () => string;
}

type Body = Record<string, unknown>;

export function registerControlRoutes(app: FastifyInstance, d: ControlDeps): void {
  const p = CONTROL_PREFIX;
  const view = (email: string, ev: StoredEvent): Record<string, unknown> => {
    const cal = d.state.calendar(email);
    const ctx: ViewContext = { email, calendarZone: cal.calendarZone, origin: d.origin() };
    return viewEvent(ev, ctx);
  };
  const email = (params: unknown): string => decodeURIComponent((params as { email: string }).email).toLowerCase();

  app.setErrorHandler((err, req, reply: FastifyReply) => {
    if (err instanceof ControlError || err instanceof FaultError) {
      return reply.code(err instanceof ControlError ? err.status : 400).send({ error: err.message });
    }
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'google emulator error');
    return reply.code(status).send({ error: (err as Error).message });
  });

  app.post(`${p}/reset`, async () => {
    d.state.reset();
    d.faults.clear();
    d.log.clear();
    return { ok: true };
  });

  app.post(`${p}/clients`, async (req) => {
    const b = (req.body ?? {}) as Body;
    if (typeof b.client_id !== 'string' || !b.client_id) throw new ControlError(400, 'client_id is required');
    const uris = Array.isArray(b.redirect_uris) ? b.redirect_uris.map(String) : [];
    return d.oauth.registerClient(b.client_id, typeof b.client_secret === 'string' ? b.client_secret : undefined, uris);
  });

  app.post(`${p}/clients/:id/delete`, async (req) => {
    const c = d.state.clients.get((req.params as { id: string }).id);
    if (!c) throw new ControlError(404, 'no such client');
    c.deleted = true;
    return c;
  });

  app.post(`${p}/accounts`, async (req): Promise<CreatedAccount> => {
    const b = (req.body ?? {}) as Body;
    if (typeof b.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(b.email)) throw new ControlError(400, 'email is required');
    const acc = d.state.ensureAccount(b.email, typeof b.name === 'string' ? b.name : undefined, typeof b.timeZone === 'string' ? b.timeZone : undefined);
    const clientId = typeof b.client_id === 'string' ? b.client_id : DEFAULT_CLIENT_ID;
    const existing = d.state.clients.get(clientId);
    const secret = typeof b.client_secret === 'string' ? b.client_secret : undefined;
    if (existing && secret && !safeEqual(existing.client_secret, secret)) throw new ControlError(409, `client ${clientId} exists with another secret`);
    const client = existing ?? d.oauth.registerClient(clientId, secret);
    const scopes = normaliseScopes(Array.isArray(b.scopes) ? b.scopes.join(' ') : DEFAULT_SCOPES.join(' '));
    d.state.grants.set(grantKey(acc.email, clientId), { email: acc.email, client_id: clientId, scopes });
    return { email: acc.email, client_id: clientId, client_secret: client.client_secret, refresh_token: d.oauth.issueRefresh(acc.email, clientId, scopes), scopes };
  });

  app.get(`${p}/accounts`, async () => [...d.state.accounts.values()]);

  app.post(`${p}/accounts/:email/revoke`, async (req) => {
    const e = email(req.params);
    const b = (req.body ?? {}) as Body;
    d.state.revokeAccount(e, typeof b.client_id === 'string' ? b.client_id : undefined);
    return { ok: true };
  });

  app.post(`${p}/accounts/:email/expire-sync-state`, async (req) => {
    const e = email(req.params);
    if (!d.state.accounts.has(e)) throw new ControlError(404, `no account ${e}`);
    d.state.calendar(e).expireSyncState();
    return { ok: true };
  });

  app.post(`${p}/accounts/:email/events`, async (req) => {
    const e = email(req.params);
    return view(e, d.events.create(e, (req.body ?? {}) as EventInput));
  });

  app.get(`${p}/accounts/:email/events`, async (req) => {
    const e = email(req.params);
    if (!d.state.accounts.has(e)) throw new ControlError(404, `no account ${e}`);
    const cal = d.state.calendar(e);
    return cal.order.map((id) => view(e, cal.get(id)!));
  });

  app.patch(`${p}/accounts/:email/events/:id`, async (req) => {
    const e = email(req.params);
    return view(e, d.events.patch(e, (req.params as { id: string }).id, (req.body ?? {}) as Partial<EventInput>));
  });

  app.post(`${p}/accounts/:email/events/:id/cancel`, async (req) => {
    const e = email(req.params);
    return view(e, d.events.cancel(e, (req.params as { id: string }).id));
  });

  app.delete(`${p}/accounts/:email/events/:id`, async (req) => {
    const e = email(req.params);
    return view(e, d.events.remove(e, (req.params as { id: string }).id));
  });

  app.post(`${p}/accounts/:email/events/:id/respond`, async (req) => {
    const e = email(req.params);
    return view(e, d.events.respond(e, (req.params as { id: string }).id, ((req.body ?? {}) as Body).responseStatus));
  });

  app.post(`${p}/accounts/:email/events/:id/instances`, async (req) => {
    const e = email(req.params);
    const b = (req.body ?? {}) as { originalStart?: string; start?: string; end?: string; cancel?: boolean };
    return view(e, d.events.instance(e, (req.params as { id: string }).id, b));
  });

  app.post(`${p}/accounts/:email/seed-week`, async (req) => {
    const e = email(req.params);
    if (!d.state.accounts.has(e)) throw new ControlError(404, `no account ${e}`);
    const b = (req.body ?? {}) as Body;
    const inputs = realisticWeek({
      email: e,
      flavour: 'google',
      seed: typeof b.seed === 'number' ? b.seed : undefined,
      weekStart: typeof b.weekStart === 'string' ? new Date(b.weekStart) : undefined,
      soonMinutes: typeof b.soonMinutes === 'number' ? b.soonMinutes : undefined,
    });
    const ids = inputs.map((i) => d.events.create(e, i).id);
    return { count: ids.length, ids };
  });

  app.post(`${p}/accounts/:email/notify`, async (req) => ({ sent: d.push.notifyNow(email(req.params)) }));

  app.post(`${p}/subscriptions/:id/lifecycle`, async (_req, reply) =>
    reply.code(400).send({ error: 'lifecycle notifications are a Microsoft Graph feature' }),
  );

  app.get(`${p}/channels`, async () => [...d.state.channels.values()].filter((c) => c.expiration > Date.now()));

  app.post(`${p}/faults`, async (req) => ({ id: d.faults.add(parseFaultInput(req.body)).id }));
  app.get(`${p}/faults`, async () => d.faults.list());
  app.delete(`${p}/faults`, async () => {
    d.faults.clear();
    return { ok: true };
  });
  app.delete(`${p}/faults/:id`, async (req, reply) =>
    d.faults.remove((req.params as { id: string }).id) ? { ok: true } : reply.code(404).send({ error: 'no such fault' }),
  );

  app.get(`${p}/requests`, async (req) => {
    const q = req.query as { account?: string; limit?: string };
    return d.log.list({ account: q.account, limit: q.limit !== undefined ? Number(q.limit) : undefined });
  });

  // Tokens are secrets of the emulated users; the state dump shows counts, not values.
  app.get(`${p}/state`, async () => {
    const s = d.state.snapshot();
    return { ...s, refreshTokens: s.refreshTokens.length, accessTokens: s.accessTokens.length, faults: d.faults.list() };
  });
}
