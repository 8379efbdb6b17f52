// startGoogleEmulator: one origin serving Google OAuth, Calendar v3 and the /__sandbox control API.
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { CONTROL_PREFIX } from '../shared/control-types.js';
import { FaultRegistry } from '../shared/faults.js';
import { StateFile } from '../shared/persist.js';
import { RequestLog } from '../shared/request-log.js';
import { registerCalendarRoutes } from './calendar-routes.js';
import { registerControlRoutes } from './control-routes.js';
import { EventService } from './events.js';
import { IdTokenSigner } from './id-token.js';
import { registerOAuthRoutes } from './oauth-routes.js';
import { OAuthService } from './oauth.js';
import { ProviderGuard } from './provider-guard.js';
import { PushHub } from './push.js';
import { GoogleState, type StateSnapshot } from './state.js';

export interface GoogleEmulatorOptions {
  /** 0 = random. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Load state from this JSON file at start; save on change (debounced) and on close. */
  stateFile?: string;
  logger?: Logger;
  /** Access-token lifetime (`expires_in`). Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Cap on a watch channel's lifetime. Default 604800 (7 days). */
  channelMaxTtlSeconds?: number;
  /** Authorize redirects at once for the account given by login_hint, or the first account. */
  autoConsent?: boolean;
  /** How far ahead endless series are expanded. Default 400 days. */
  expansionHorizonDays?: number;
  /** Refuse non-HTTPS watch addresses like Google does. Default false (tests use plain-HTTP receivers). */
  requireHttpsWebhooks?: boolean;
  /** Serve HTTPS with this key pair (e.g. from `selfsigned`); the url then starts with https://. */
  tls?: { key: string; cert: string };
  /** OAuth clients to register at start. */
  clients?: { client_id: string; client_secret: string; redirect_uris?: string[] }[];
}

export interface GoogleEmulator {
  /** Origin, e.g. http://127.0.0.1:4001. */
  url: string;
  close(): Promise<void>;
  /** In-process access for tests. */
  state: GoogleState;
  faults: FaultRegistry;
  requests: RequestLog;
  events: EventService;
  oauth: OAuthService;
  push: PushHub;
  /** Write the state file now (when configured). */
  flush(): Promise<void>;
}

export async function startGoogleEmulator(opts: GoogleEmulatorOptions = {}): Promise<GoogleEmulator> {
  let origin = '';
  const logger = opts.logger?.child({ emulator: 'google' });
  let stateFile: StateFile<StateSnapshot> | null = null;
  const faults = new FaultRegistry();
  const requests = new RequestLog();
  let push: PushHub | null = null;
  const state = new GoogleState((email) => {
    push?.changed(email);
    stateFile?.changed();
  }, opts.expansionHorizonDays ?? 400);
  push = new PushHub(state, faults, logger);
  if (opts.stateFile) {
    stateFile = new StateFile(opts.stateFile, () => state.snapshot());
    const saved = await stateFile.load();
    if (saved) state.restore(saved);
  }
  const idTokens = await IdTokenSigner.create(() => origin, state);
  const oauth = new OAuthService(state, opts.accessTokenTtlSeconds ?? 3600, idTokens);
  for (const c of opts.clients ?? []) oauth.registerClient(c.client_id, c.client_secret, c.redirect_uris);
  const events = new EventService(state);
  const guard = new ProviderGuard(faults, requests);

  const app: FastifyInstance = Fastify({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: 5 * 1024 * 1024,
    ...(opts.tls ? { https: opts.tls } : {}),
  }) as unknown as FastifyInstance;
  await app.register(formbody);
  // Google sends bodiless POSTs with a JSON content type (channels.stop from some clients); accept them.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? {} : JSON.parse(body as string));
    } catch (err) {
      (err as { statusCode?: number }).statusCode = 400;
      done(err as Error, undefined);
    }
  });
  app.addHook('onResponse', async (req, reply) => {
    const control = req.url.startsWith(CONTROL_PREFIX);
    if (!control) guard.record(req, reply.statusCode);
    if (req.method !== 'GET') stateFile?.changed();
    // Log what was received, never tokens: the path without its query string, and the account.
    logger?.info({ method: req.method, path: req.url.split('?')[0], status: reply.statusCode, account: guard.accountOf(req) }, 'google emulator request');
  });

  const originFn = (): string => origin;
  registerOAuthRoutes(app, { state, oauth, guard, idTokens, origin: originFn, autoConsent: opts.autoConsent ?? false });
  registerCalendarRoutes(app, {
    state,
    oauth,
    guard,
    push,
    origin: originFn,
    channelMaxTtlSeconds: opts.channelMaxTtlSeconds ?? 604_800,
    requireHttpsWebhooks: opts.requireHttpsWebhooks ?? false,
  });
  registerControlRoutes(app, { state, oauth, events, push, faults, log: requests, origin: originFn });

  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  origin = `${opts.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger?.info({ url: origin }, 'google emulator listening');

  let closed = false;
  const hub = push;
  return {
    url: origin,
    state,
    faults,
    requests,
    events,
    oauth,
    push: hub,
    flush: async () => {
      await stateFile?.flush();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      guard.releaseHangs();
      await hub.close();
      await app.close();
      await stateFile?.flush();
    },
  };
}
