// Test setup for scheduling: calendars and events written through the calendar module's db functions (the sync
// is not what these tests exercise), a receiver that plays the `http` runtime, and small API helpers.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { upsertEvents } from '../../src/db/calendar-events.js';
import { insertCalendar } from '../../src/db/calendars.js';
import type { Deps } from '../../src/deps.js';
import type { TestContext } from '../helpers/context.js';

export async function makeCalendar(deps: Deps, workspaceId: string, email: string, status: 'connected' | 'disconnected' = 'connected'): Promise<string> {
  const enc = (s: string) => deps.secrets.encrypt(s);
  const cal = await insertCalendar(deps.pool, {
    workspaceId, platform: 'google_calendar', clientIdEnc: enc('id'), clientSecretEnc: enc('secret'), refreshTokenEnc: enc('token'), oauthEmail: null, webhookUrl: null,
  });
  await deps.pool.query('UPDATE calendars SET status = $2, platform_email = $3 WHERE id = $1', [cal.id, status, email]);
  return cal.id;
}

let seq = 0;
export async function makeEvent(deps: Deps, workspaceId: string, calendarId: string, e: { start: Date; end?: Date; meetingUrl?: string | null; deleted?: boolean }): Promise<string> {
  const platformId = `ev${++seq}_${Math.random().toString(36).slice(2, 8)}`;
  const [id] = await upsertEvents(deps.pool, workspaceId, calendarId, new Date(), [{
    platformId, icalUid: `${platformId}@google.com`, startTime: e.start, endTime: e.end ?? new Date(e.start.getTime() + 30 * 60_000), isAllDay: false,
    meetingUrl: e.meetingUrl === undefined ? 'https://meet.google.com/abc-defg-hij' : e.meetingUrl, meetingPlatform: e.meetingUrl === null ? null : 'google_meet',
    raw: { id: platformId, summary: 'Sync' }, contentHash: platformId,
  }]);
  if (e.deleted) await deps.pool.query('UPDATE calendar_events SET is_deleted = true WHERE id = $1', [id]);
  return id;
}

export function api(ctx: TestContext, auth: string) {
  return async (method: string, url: string, payload?: unknown): Promise<{ status: number; body: any; headers: Record<string, unknown> }> => {
    const res = await ctx.app.inject({ method: method as 'GET', url, headers: { authorization: auth }, payload: payload as any });
    return { status: res.statusCode, body: res.body ? res.json() : null, headers: res.headers };
  };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface LaunchReceiver {
  url: string;
  /** Launch requests per bot id (raw count: a retried launch counts twice). */
  launches: Map<string, number>;
  /** Bots created, deduplicated by Idempotency-Key as a real launcher would. */
  created: Set<string>;
  bodies: Map<string, any>;
  headers: Map<string, IncomingMessage['headers']>;
  receivedAt: Map<string, number>;
  status: number;
  /** Answer each request this much later (a slow runtime). */
  delayMs: number;
  close(): Promise<void>;
}

/** An `http` runtime launcher: answers 200 {runtime_ref} to launches and records them. */
export async function startLaunchReceiver(): Promise<LaunchReceiver> {
  const r: Omit<LaunchReceiver, 'url' | 'close'> = { launches: new Map(), created: new Set(), bodies: new Map(), headers: new Map(), receivedAt: new Map(), status: 200, delayMs: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const json = JSON.parse(body || '{}');
      if (json.type === 'launch') {
        r.launches.set(json.bot_id, (r.launches.get(json.bot_id) ?? 0) + 1);
        if (!r.receivedAt.has(json.bot_id)) r.receivedAt.set(json.bot_id, Date.now());
        r.bodies.set(json.bot_id, json);
        r.headers.set(json.bot_id, req.headers);
        if (r.status === 200) r.created.add(String(req.headers['idempotency-key']));
      }
      const answer = () => {
        res.writeHead(r.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ runtime_ref: `ext_${json.bot_id}` }));
      };
      if (r.delayMs > 0) setTimeout(answer, r.delayMs);
      else answer();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return Object.assign(r, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/launch`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  });
}
