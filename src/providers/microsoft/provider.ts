// Microsoft Graph adapter: Entra refresh with rotation, /me, calendarView delta rounds with every changed item
// re-read in full through $batch, GET /me/events/{id}, and change-notification subscriptions
// (providers.md §3–4). Every URL comes from the configuration.
import type { Config } from '../../config/load.js';
import { isObject, parseTokenResponse, ProviderHttp, randomSecret, str, type HttpResponse, type ProviderHttpOptions } from '../http.js';
import { ProviderError, type AccessToken, type CalendarProvider, type EventPage, type ProviderEvent, type PushChannel } from '../provider.js';
import { graphError, microsoftTokenError } from './errors.js';
import { isRemoved, mapGraphEvent, removedEvent } from './map.js';
import { safeEqual } from '../../crypto/tokens.js';

export type MicrosoftConfig = Pick<Config, 'MICROSOFT_LOGIN_URL' | 'MICROSOFT_GRAPH_URL'>;

export const DEFAULT_PAGE_SIZE = 250;
export const MAX_PAGE_SIZE = 1000;
/** Requested subscription lifetime cap (providers.md §4.4, §9). */
export const MAX_SUBSCRIPTION_MINUTES = 4200;
const BATCH_LIMIT = 20;
/** Sent on every Graph request, pages included: client libraries do not carry Prefer across nextLinks (§4). */
const PREFER = 'outlook.timezone="UTC", IdType="ImmutableId"';

const trimSlash = (u: string): string => u.replace(/\/+$/, '');

export function microsoftTokenUrl(config: Pick<Config, 'MICROSOFT_LOGIN_URL'>): string {
  return `${trimSlash(config.MICROSOFT_LOGIN_URL)}/common/oauth2/v2.0/token`;
}

export function createMicrosoftProvider(config: MicrosoftConfig, opts: ProviderHttpOptions = {}): CalendarProvider {
  const http = new ProviderHttp(opts);
  const graph = trimSlash(config.MICROSOFT_GRAPH_URL);
  const graphOrigin = new URL(graph).origin;
  const headers = (token: string, prefer = PREFER): Record<string, string> => ({ authorization: `Bearer ${token}`, prefer });

  const call = async (url: string, token: string, init: { method?: string; json?: unknown; prefer?: string } = {}): Promise<HttpResponse> => {
    const res = await http.request(url, { method: init.method, json: init.json, headers: headers(token, init.prefer) });
    if (res.status < 200 || res.status >= 300) throw graphError(res.status, res.json, res.headers.get('retry-after'));
    return res;
  };

  /** nextLink/deltaLink URLs are opaque, but the bearer token only ever goes to the configured Graph origin. */
  const checkLink = (link: string): string => {
    let u: URL;
    try {
      u = new URL(link);
    } catch {
      throw new ProviderError('invalid_request', 'Graph page link is not a URL');
    }
    if (u.origin !== graphOrigin) throw new ProviderError('invalid_request', `Graph page link is not on ${graphOrigin}`);
    return link;
  };

  /** Re-reads changed items in full (delta items are often stubs, §4.1); 20 per $batch. */
  const readFull = async (token: string, ids: string[]): Promise<{ events: Map<string, ProviderEvent>; requests: number }> => {
    const events = new Map<string, ProviderEvent>();
    let requests = 0;
    for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
      const chunk = ids.slice(i, i + BATCH_LIMIT);
      const res = await call(`${graph}/$batch`, token, {
        method: 'POST',
        json: { requests: chunk.map((id, n) => ({ id: String(n), method: 'GET', url: `/me/events/${encodeURIComponent(id)}`, headers: { prefer: PREFER } })) },
      });
      requests++;
      const responses = isObject(res.json) && Array.isArray(res.json.responses) ? res.json.responses : [];
      for (const r of responses) {
        if (!isObject(r)) continue;
        const id = chunk[Number(r.id)];
        if (id === undefined) continue;
        const status = Number(r.status);
        const rh = isObject(r.headers) ? r.headers : {};
        const retryAfter = str(rh['retry-after']) ?? str(rh['Retry-After']) ?? null;
        if (status === 200) {
          const ev = mapGraphEvent(r.body);
          if (ev) events.set(id, ev);
          continue;
        }
        const err = graphError(status, r.body, retryAfter);
        // Deleted between the delta round and the read: a removal.
        if (err.kind === 'not_found') events.set(id, removedEvent(id));
        else throw err;
      }
      const missing = chunk.find((id) => !events.has(id));
      if (missing !== undefined) throw new ProviderError('transient', 'Graph $batch answered without every requested item');
    }
    return { events, requests };
  };

  return {
    platform: 'microsoft_outlook',

    async refreshAccessToken(creds): Promise<AccessToken> {
      const res = await http.request(microsoftTokenUrl(config), {
        form: { grant_type: 'refresh_token', refresh_token: creds.refreshToken, client_id: creds.clientId, client_secret: creds.clientSecret },
      });
      if (res.status !== 200) throw microsoftTokenError(res.status, res.json, res.headers.get('retry-after'));
      const t = parseTokenResponse(res.json);
      // Every refresh rotates the refresh token (§3.2); the caller must persist the new one at once.
      return { token: t.accessToken, expiresAt: t.expiresAt, scopes: t.scopes, ...(t.refreshToken && !safeEqual(t.refreshToken, creds.refreshToken) ? { rotatedRefreshToken: t.refreshToken } : {}) };
    },

    async accountEmail(accessToken): Promise<string> {
      const res = await http.request(`${graph}/me`, { headers: headers(accessToken) });
      if (res.status === 200 && isObject(res.json)) {
        const email = str(res.json.mail) || str(res.json.userPrincipalName);
        if (email) return email;
      } else if (res.status !== 403) throw graphError(res.status, res.json, res.headers.get('retry-after'));
      // Without User.Read (the V1 scopes), the calendar's owner is readable with Calendars.Read (§3.4).
      const cal = await call(`${graph}/me/calendar`, accessToken);
      const owner = isObject(cal.json) && isObject(cal.json.owner) ? str(cal.json.owner.address) : undefined;
      if (!owner) throw new ProviderError('invalid_request', 'Microsoft returned no account email');
      return owner;
    },

    async listEvents(accessToken, o): Promise<EventPage> {
      let url: string;
      if (o.pageCursor) url = checkLink(o.pageCursor);
      else if (o.syncState) url = checkLink(o.syncState);
      else {
        const q = new URLSearchParams({ startDateTime: o.window.start.toISOString(), endDateTime: o.window.end.toISOString() });
        url = `${graph}/me/calendarView/delta?${q.toString()}`;
      }
      const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(o.pageSize ?? DEFAULT_PAGE_SIZE)));
      const res = await call(url, accessToken, { prefer: `odata.maxpagesize=${size}, ${PREFER}` });
      const body = isObject(res.json) ? res.json : {};
      const items = (Array.isArray(body.value) ? body.value : []).filter(isObject).filter((i) => typeof i.id === 'string');
      // One event can appear more than once in a round; the last item wins (§4.1).
      const last = new Map<string, Record<string, unknown>>();
      for (const it of items) {
        last.delete(it.id as string);
        last.set(it.id as string, it);
      }
      const changed = [...last.values()].filter((i) => !isRemoved(i)).map((i) => i.id as string);
      const full = await readFull(accessToken, changed);
      const events = [...last.values()].map((i) => (isRemoved(i) ? removedEvent(i.id as string) : full.events.get(i.id as string)!));
      const next = str(body['@odata.nextLink']) ?? null;
      return { events, nextPageCursor: next, syncState: next ? null : (str(body['@odata.deltaLink']) ?? null), requests: 1 + full.requests };
    },

    async getEvent(accessToken, platformId): Promise<ProviderEvent | null> {
      const res = await http.request(`${graph}/me/events/${encodeURIComponent(platformId)}`, { headers: headers(accessToken) });
      if (res.status === 200) return mapGraphEvent(res.json);
      const err = graphError(res.status, res.json, res.headers.get('retry-after'));
      if (err.kind === 'not_found') return null;
      throw err;
    },

    async createPushChannel(accessToken, o): Promise<PushChannel> {
      const secret = randomSecret(32);
      const res = await call(`${graph}/subscriptions`, accessToken, {
        method: 'POST',
        json: {
          changeType: 'created,updated,deleted',
          notificationUrl: o.address,
          ...(o.lifecycleAddress ? { lifecycleNotificationUrl: o.lifecycleAddress } : {}),
          resource: 'me/events',
          expirationDateTime: expiry(o.requestedTtlSeconds),
          clientState: secret,
        },
      });
      const body = isObject(res.json) ? res.json : {};
      const id = str(body.id);
      if (!id) throw new ProviderError('invalid_request', 'Graph created a subscription without an id');
      return { id, resourceId: null, expiresAt: effectiveExpiry(body, o.requestedTtlSeconds), secret };
    },

    async renewPushChannel(accessToken, channel, o): Promise<PushChannel> {
      // A 404 (subscription gone) surfaces as not_found: the engine recreates it and runs a delta (§4.4).
      const res = await call(`${graph}/subscriptions/${encodeURIComponent(channel.id)}`, accessToken, {
        method: 'PATCH',
        json: { expirationDateTime: expiry(o.requestedTtlSeconds) },
      });
      return { ...channel, expiresAt: effectiveExpiry(isObject(res.json) ? res.json : {}, o.requestedTtlSeconds) };
    },

    async stopPushChannel(accessToken, channel): Promise<void> {
      const res = await http.request(`${graph}/subscriptions/${encodeURIComponent(channel.id)}`, { method: 'DELETE', headers: headers(accessToken) });
      if (res.status === 404 || (res.status >= 200 && res.status < 300)) return;
      throw graphError(res.status, res.json, res.headers.get('retry-after'));
    },
  };
}

function expiry(requestedTtlSeconds: number, now = Date.now()): string {
  const seconds = Math.min(Math.max(60, requestedTtlSeconds), MAX_SUBSCRIPTION_MINUTES * 60);
  return new Date(now + seconds * 1000).toISOString();
}

/** The expiry Graph granted (it may clamp the request); the requested one if the response lacks it. */
function effectiveExpiry(body: Record<string, unknown>, requestedTtlSeconds: number): Date {
  const at = Date.parse(str(body.expirationDateTime) ?? '');
  return new Date(Number.isFinite(at) ? at : Date.parse(expiry(requestedTtlSeconds)));
}
