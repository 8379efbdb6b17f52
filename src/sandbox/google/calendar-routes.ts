// Calendar API v3 endpoints: events.list, events.get, events.watch, channels.stop (plus the calendar
// resource), each behind Bearer auth, scopes and injected faults.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, GoogleApiError } from './errors.js';
import type { ViewContext } from './event-view.js';
import { viewEvent, viewInstance } from './event-view.js';
import { listEvents } from './list-events.js';
import { parseListParams, type RawQuery } from './list-params.js';
import type { OAuthService } from './oauth.js';
import type { ProviderGuard } from './provider-guard.js';
import type { PushHub } from './push.js';
import type { GoogleState } from './state.js';
import type { CalendarStore } from './store.js';
import type { AccessTokenRecord, Channel } from './types.js';

export interface CalendarRouteDeps {
  state: GoogleState;
  oauth: OAuthService;
  guard: ProviderGuard;
  push: PushHub;
  origin: () => string;
  channelMaxTtlSeconds: number;
  requireHttpsWebhooks: boolean;
}

const BASE = '/calendar/v3';
const READ_SCOPES = new Set(
  ['calendar', 'calendar.readonly', 'calendar.events', 'calendar.events.readonly', 'calendar.events.owned', 'calendar.events.owned.readonly'].map(
    (s) => `https://www.googleapis.com/auth/${s}`,
  ),
);

export function registerCalendarRoutes(app: FastifyInstance, d: CalendarRouteDeps): void {
  /** Faults, auth, scopes and calendar id; returns null when the request has already been answered. */
  const open = async (req: FastifyRequest, reply: FastifyReply): Promise<{ tok: AccessTokenRecord; cal: CalendarStore } | null> => {
    const tok = d.oauth.accessToken(req.headers.authorization);
    if (await d.guard.apply(req, reply, tok?.email ?? null, 'api')) return null;
    if (!tok) throw errors.invalidCredentials();
    if (!tok.scopes.some((s) => READ_SCOPES.has(s))) throw errors.insufficientScopes();
    const id = (req.params as { calendarId?: string }).calendarId;
    if (id !== undefined && id !== 'primary' && id.toLowerCase() !== tok.email) throw errors.notFound();
    return { tok, cal: d.state.calendar(tok.email) };
  };
  const view = (cal: CalendarStore): ViewContext => ({ email: cal.email, calendarZone: cal.calendarZone, origin: d.origin() });
  const fail = (reply: FastifyReply, err: unknown): FastifyReply => {
    if (!(err instanceof GoogleApiError)) throw err;
    return reply.code(err.status).headers(err.headers).send(err.body());
  };

  app.get(`${BASE}/calendars/:calendarId/events`, async (req, reply) => {
    try {
      const ctx = await open(req, reply);
      if (!ctx) return reply;
      return listEvents(ctx.cal, req.query as RawQuery, view(ctx.cal));
    } catch (err) {
      return fail(reply, err);
    }
  });

  app.get(`${BASE}/calendars/:calendarId/events/:eventId`, async (req, reply) => {
    try {
      const ctx = await open(req, reply);
      if (!ctx) return reply;
      const { eventId } = req.params as { eventId: string };
      const tz = (req.query as RawQuery).timeZone;
      const v = { ...view(ctx.cal), presentZone: typeof tz === 'string' ? tz : undefined };
      const ev = ctx.cal.get(eventId);
      if (ev) return viewEvent(ev, v);
      // A generated instance of a series: `<seriesId>_<stamp>`.
      const sep = eventId.lastIndexOf('_');
      const master = sep > 0 ? ctx.cal.get(eventId.slice(0, sep)) : undefined;
      const occ = master?.data.recurrence?.length ? ctx.cal.occurrence(master, eventId) : undefined;
      if (!master || !occ) throw errors.notFound();
      return viewInstance(master, occ, v, master.id, master.deleted || master.status === 'cancelled');
    } catch (err) {
      return fail(reply, err);
    }
  });

  app.get(`${BASE}/calendars/:calendarId`, async (req, reply) => {
    try {
      const ctx = await open(req, reply);
      if (!ctx) return reply;
      return { kind: 'calendar#calendar', etag: `"${ctx.cal.updated}"`, id: ctx.tok.email, summary: ctx.tok.email, timeZone: ctx.cal.calendarZone };
    } catch (err) {
      return fail(reply, err);
    }
  });

  app.post(`${BASE}/calendars/:calendarId/events/watch`, async (req, reply) => {
    try {
      const ctx = await open(req, reply);
      if (!ctx) return reply;
      parseListParams(req.query as RawQuery);
      const body = (req.body ?? {}) as { id?: unknown; type?: unknown; address?: unknown; token?: unknown; params?: { ttl?: unknown } };
      if (typeof body.id !== 'string' || !body.id || body.id.length > 64 || !/^[A-Za-z0-9\-_+/=]+$/.test(body.id)) throw errors.invalid('Invalid channel id.', 'id');
      if (body.type !== 'web_hook' && body.type !== 'webhook') throw errors.invalid(`Invalid value for: type is not a valid notification type.`, 'type');
      const address = typeof body.address === 'string' ? body.address : '';
      let url: URL;
      try {
        url = new URL(address);
      } catch {
        throw errors.invalid('Invalid value for: address is not a valid URL.', 'address');
      }
      if (url.protocol !== 'https:' && (d.requireHttpsWebhooks || url.protocol !== 'http:')) {
        throw errors.pushAddressInvalid(`WebHook callback must be HTTPS: ${address}`);
      }
      if (body.token !== undefined && (typeof body.token !== 'string' || body.token.length > 256)) throw errors.invalid('Invalid channel token.', 'token');
      const existing = d.state.channels.get(body.id);
      if (existing && existing.expiration > Date.now()) throw errors.channelIdNotUnique(body.id);
      const requested = Number(body.params?.ttl ?? d.channelMaxTtlSeconds);
      const ttl = Number.isFinite(requested) && requested > 0 ? Math.min(requested, d.channelMaxTtlSeconds) : d.channelMaxTtlSeconds;
      const channel: Channel = {
        id: body.id,
        resourceId: randomBytes(14).toString('base64url').replace(/[-_]/g, 'x'),
        resourceUri: `${d.origin()}${BASE}/calendars/${encodeURIComponent((req.params as { calendarId: string }).calendarId)}/events?alt=json`,
        ...(typeof body.token === 'string' ? { token: body.token } : {}),
        address,
        account: ctx.tok.email,
        client_id: ctx.tok.client_id,
        expiration: Date.now() + Math.round(ttl * 1000),
        messageNumber: 0,
      };
      d.state.channels.set(channel.id, channel);
      d.push.started(channel);
      const out: Record<string, unknown> = { kind: 'api#channel', id: channel.id, resourceId: channel.resourceId, resourceUri: channel.resourceUri };
      if (channel.token !== undefined) out.token = channel.token;
      out.expiration = String(channel.expiration);
      return out;
    } catch (err) {
      return fail(reply, err);
    }
  });

  app.post(`${BASE}/channels/stop`, async (req, reply) => {
    try {
      const ctx = await open(req, reply);
      if (!ctx) return reply;
      const body = (req.body ?? {}) as { id?: string; resourceId?: string };
      const ch = body.id ? d.state.channels.get(body.id) : undefined;
      if (!ch || ch.resourceId !== body.resourceId || ch.account !== ctx.tok.email) throw errors.channelNotFound(String(body.id));
      d.state.channels.delete(ch.id);
      return reply.code(204).send();
    } catch (err) {
      return fail(reply, err);
    }
  });
}
