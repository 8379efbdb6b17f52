// Google Calendar adapter: OAuth refresh, userinfo, events.list (full and sync-token), events.get,
// events.watch and channels.stop (providers.md §1–2). Every URL comes from the configuration.
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/load.js';
import { isObject, parseTokenResponse, ProviderHttp, randomSecret, str, type HttpResponse, type ProviderHttpOptions } from '../http.js';
import { ProviderError, type AccessToken, type CalendarProvider, type EventPage, type ProviderEvent, type PushChannel } from '../provider.js';
import { googleApiError, googleTokenError } from './errors.js';
import { mapGoogleEvent, withinHorizon } from './map.js';

export type GoogleConfig = Pick<Config, 'GOOGLE_OAUTH_TOKEN_URL' | 'GOOGLE_USERINFO_URL' | 'GOOGLE_CALENDAR_API_URL'>;

export const DEFAULT_PAGE_SIZE = 250;
export const MAX_PAGE_SIZE = 2500;

const trimSlash = (u: string): string => u.replace(/\/+$/, '');

export function createGoogleProvider(config: GoogleConfig, opts: ProviderHttpOptions = {}): CalendarProvider {
  const http = new ProviderHttp(opts);
  const api = trimSlash(config.GOOGLE_CALENDAR_API_URL);
  const eventsUrl = `${api}/calendars/primary/events`;
  const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

  /** Calls the Calendar API; throws the classified error for any non-2xx. */
  const call = async (url: string, token: string, init: { method?: string; json?: unknown } = {}): Promise<HttpResponse> => {
    const res = await http.request(url, { ...init, headers: bearer(token) });
    if (res.status < 200 || res.status >= 300) throw googleApiError(res.status, res.json, res.headers.get('retry-after'));
    return res;
  };

  const calendarZone = async (token: string): Promise<string> => {
    const res = await call(`${api}/calendars/primary`, token);
    return (isObject(res.json) && str(res.json.timeZone)) || 'UTC';
  };

  const watch = async (token: string, o: { address: string; requestedTtlSeconds: number }): Promise<PushChannel> => {
    const id = randomUUID();
    const secret = randomSecret(32);
    const res = await call(`${eventsUrl}/watch`, token, {
      method: 'POST',
      json: { id, type: 'web_hook', address: o.address, token: secret, params: { ttl: String(Math.max(1, Math.round(o.requestedTtlSeconds))) } },
    });
    const body = isObject(res.json) ? res.json : {};
    // `expiration` is int64 ms, usually serialised as a string; trust it over the requested TTL (§2.7).
    const expiration = Number(body.expiration);
    return {
      id,
      resourceId: str(body.resourceId) ?? null,
      expiresAt: new Date(Number.isFinite(expiration) && expiration > 0 ? expiration : Date.now() + o.requestedTtlSeconds * 1000),
      secret,
    };
  };

  const stop = async (token: string, channel: PushChannel): Promise<void> => {
    const res = await http.request(`${api}/channels/stop`, { method: 'POST', headers: bearer(token), json: { id: channel.id, resourceId: channel.resourceId } });
    if (res.status === 404 || (res.status >= 200 && res.status < 300)) return;
    throw googleApiError(res.status, res.json, res.headers.get('retry-after'));
  };

  return {
    platform: 'google_calendar',

    async refreshAccessToken(creds): Promise<AccessToken> {
      const res = await http.request(config.GOOGLE_OAUTH_TOKEN_URL, {
        form: { grant_type: 'refresh_token', refresh_token: creds.refreshToken, client_id: creds.clientId, client_secret: creds.clientSecret },
      });
      if (res.status !== 200) throw googleTokenError(res.status, res.json, res.headers.get('retry-after'));
      const t = parseTokenResponse(res.json);
      // Google never rotates refresh tokens; a refresh_token here (rare) is the same grant, so it is not reported.
      return { token: t.accessToken, expiresAt: t.expiresAt, scopes: t.scopes };
    },

    async accountEmail(accessToken): Promise<string> {
      const res = await http.request(config.GOOGLE_USERINFO_URL, { headers: bearer(accessToken) });
      if (res.status === 200 && isObject(res.json) && typeof res.json.email === 'string') return res.json.email;
      if (res.status !== 401 && res.status !== 403 && res.status !== 200) throw googleApiError(res.status, res.json, res.headers.get('retry-after'));
      // No email scope: the primary calendar's event list names its owner in `summary` (providers.md §1.7).
      const list = await call(`${eventsUrl}?maxResults=1`, accessToken);
      const summary = isObject(list.json) ? str(list.json.summary) : undefined;
      if (!summary || !summary.includes('@')) throw new ProviderError('invalid_request', 'Google returned no account email');
      return summary;
    },

    async listEvents(accessToken, o): Promise<EventPage> {
      const q = new URLSearchParams({ singleEvents: 'true', maxResults: String(clampPageSize(o.pageSize)) });
      // A sync token cannot be combined with time bounds (§2.3); the full sync is bounded below only, because
      // a timeMax would leave events created further ahead unseen by the token-based sync that follows.
      if (o.syncState) q.set('syncToken', o.syncState);
      else q.set('timeMin', o.window.start.toISOString());
      if (o.pageCursor) q.set('pageToken', o.pageCursor);
      const res = await call(`${eventsUrl}?${q.toString()}`, accessToken);
      const body = isObject(res.json) ? res.json : {};
      const zone = str(body.timeZone) ?? 'UTC';
      const items = Array.isArray(body.items) ? body.items : [];
      const now = Date.now();
      const events = items.map((it) => mapGoogleEvent(it, zone)).filter((e): e is ProviderEvent => e !== null && withinHorizon(e, now));
      const next = str(body.nextPageToken) ?? null;
      return { events, nextPageCursor: next, syncState: next ? null : (str(body.nextSyncToken) ?? null), requests: 1 };
    },

    async getEvent(accessToken, platformId): Promise<ProviderEvent | null> {
      const res = await http.request(`${eventsUrl}/${encodeURIComponent(platformId)}`, { headers: bearer(accessToken) });
      if (res.status === 404 || res.status === 410) return null;
      if (res.status !== 200) throw googleApiError(res.status, res.json, res.headers.get('retry-after'));
      const ev = isObject(res.json) ? res.json : {};
      // events.get carries no calendar zone; only floating all-day dates without their own zone need it.
      const needsZone = isObject(ev.start) && typeof ev.start.date === 'string' && typeof ev.start.timeZone !== 'string';
      return mapGoogleEvent(ev, needsZone ? await calendarZone(accessToken) : 'UTC');
    },

    createPushChannel: (accessToken, o) => watch(accessToken, o),

    async renewPushChannel(accessToken, channel, o): Promise<PushChannel> {
      // Google channels cannot be extended: open the new one first so no change goes unnotified, then stop
      // the old one. Overlap is harmless (notifications only trigger a debounced sync).
      const fresh = await watch(accessToken, o);
      try {
        await stop(accessToken, channel);
      } catch {
        // The old channel expires on its own; losing the new one would be worse than a late stop.
      }
      return fresh;
    },

    stopPushChannel: (accessToken, channel) => stop(accessToken, channel),
  };
}

function clampPageSize(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(n)));
}
