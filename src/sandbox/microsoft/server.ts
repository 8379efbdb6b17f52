// Entry point of the Microsoft emulator: Entra ID (`/{tenant}/oauth2/v2.0/...`), Graph (`/v1.0/...`) and the
// control API (`/__sandbox/...`) on one origin, served over HTTP and HTTPS by two listeners sharing one state.
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { FaultRegistry } from '../shared/faults.js';
import { StateFile } from '../shared/persist.js';
import { RequestLog } from '../shared/request-log.js';
import { registerBatchRoute } from './batch-route.js';
import { Calendar } from './calendar.js';
import type { Ctx, Settings } from './context.js';
import { registerControlRoutes } from './control-routes.js';
import { DeltaEngine } from './delta.js';
import { graphErrorBody } from './errors.js';
import { registerGraphRoutes } from './graph-routes.js';
import { registerIdentityRoutes } from './identity-routes.js';
import { Notifier } from './notifications.js';
import { registerProviderHooks } from './provider-hooks.js';
import { Store, type Snapshot } from './store.js';
import { registerSubscriptionRoutes } from './subscription-routes.js';
import { Subscriptions } from './subscriptions.js';
import { loadOrCreateTls } from './tls.js';
import { Identity } from './tokens.js';

export interface MicrosoftEmulatorOptions {
  /** 0 = random. */
  port?: number;
  /** 0 = random; null = no HTTPS listener. Default 0. */
  httpsPort?: number | null;
  /** Default 127.0.0.1. */
  host?: string;
  stateFile?: string;
  logger?: Logger;
  /** Access-token lifetime (`expires_in`), default 3600. */
  accessTokenTtlSeconds?: number;
  /** Cap on subscription `expirationDateTime`, default 10080 (7 days). */
  subscriptionMaxMinutes?: number;
  /** Skip the consent page: authorize issues a code at once (for `login_hint`, else the first account). */
  autoConsent?: boolean;
  /** Refresh tokens unused for this long fail with AADSTS700082; default 90 days. */
  refreshTokenInactivitySeconds?: number;
  /** Subscription validation handshake deadline, default 10000. */
  validationTimeoutMs?: number;
  /** Notification receivers slower than this count as failed (Graph's 3-second rule), default 3000. */
  notificationAckTimeoutMs?: number;
  /** Delays between notification retries; when exhausted the notification is dropped. Default 1 min to 4 h. */
  notificationRetryDelaysMs?: number[];
}

export interface MicrosoftEmulator {
  /** HTTP origin. */
  url: string;
  httpsUrl: string | null;
  /** PEM of the self-signed certificate of the HTTPS listener (trust it as a CA). */
  caCertPem: string | null;
  close(): Promise<void>;
}

function build(ctx: Ctx, https: { cert: string; key: string } | null): FastifyInstance {
  const app = (https ? Fastify({ https, forceCloseConnections: true, logger: false }) : Fastify({ forceCloseConnections: true, logger: false })) as unknown as FastifyInstance;
  void app.register(formbody);
  // Graph clients send `Content-Type: application/json` with empty bodies (DELETE); accept that.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (!body) return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch (err) {
      (err as { statusCode?: number }).statusCode = 400;
      done(err as Error, undefined);
    }
  });
  registerProviderHooks(app, ctx);
  registerIdentityRoutes(app, ctx);
  registerGraphRoutes(app, ctx);
  registerSubscriptionRoutes(app, ctx);
  registerBatchRoute(app);
  registerControlRoutes(app, ctx);
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/v1.0/')) return reply.code(400).send(graphErrorBody('BadRequest', `Resource not found for the segment '${req.url.split('?')[0].split('/').pop()}'.`));
    return reply.code(404).send({ error: 'not found' });
  });
  app.setErrorHandler((err: Error, req, reply) => {
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    ctx.logger?.warn({ emulator: 'microsoft', path: req.url.split('?')[0], err: err.message }, 'microsoft emulator error');
    if (req.url.startsWith('/v1.0/')) return reply.code(status).send(graphErrorBody(status >= 500 ? 'generalException' : 'BadRequest', err.message));
    return reply.code(status).send({ error: status >= 500 ? 'server_error' : 'invalid_request', error_description: err.message });
  });
  return app;
}

function origin(protocol: string, host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `${protocol}://${h}:${port}`;
}

export async function startMicrosoftEmulator(opts: MicrosoftEmulatorOptions = {}): Promise<MicrosoftEmulator> {
  const settings: Settings = {
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 3600,
    refreshTokenInactivitySeconds: opts.refreshTokenInactivitySeconds ?? 90 * 86_400,
    subscriptionMaxMinutes: opts.subscriptionMaxMinutes ?? 10_080,
    autoConsent: opts.autoConsent ?? false,
    validationTimeoutMs: opts.validationTimeoutMs ?? 10_000,
    notificationAckTimeoutMs: opts.notificationAckTimeoutMs ?? 3_000,
    notificationRetryDelaysMs: opts.notificationRetryDelaysMs ?? [60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000],
  };
  const host = opts.host ?? '127.0.0.1';
  let store: Store;
  let stateFile: StateFile<Snapshot> | null = null;
  if (opts.stateFile) {
    let current: Store | null = null;
    stateFile = new StateFile<Snapshot>(opts.stateFile, () => current!.snapshot());
    store = current = new Store(await stateFile.load());
    const sf = stateFile;
    store.onChange = () => sf.changed();
  } else store = new Store();

  const closing = new AbortController();
  const faults = new FaultRegistry();
  const notifier = new Notifier(settings, faults, opts.logger ?? null);
  const calendar = new Calendar(store);
  const subscriptions = new Subscriptions(store, notifier, settings);
  calendar.onChange((email, ev, change) => subscriptions.onEventChange(email, ev, change));
  const ctx: Ctx = {
    settings,
    store,
    identity: new Identity(store, settings),
    calendar,
    delta: new DeltaEngine(store),
    subscriptions,
    notifier,
    faults,
    requests: new RequestLog(),
    logger: opts.logger ?? null,
    closing: closing.signal,
  };

  const apps: FastifyInstance[] = [];
  const httpApp = build(ctx, null);
  apps.push(httpApp);
  await httpApp.listen({ port: opts.port ?? 0, host });
  const url = origin('http', host, (httpApp.server.address() as { port: number }).port);
  let httpsUrl: string | null = null;
  let caCertPem: string | null = null;
  if (opts.httpsPort !== null) {
    const tls = await loadOrCreateTls(opts.stateFile, host);
    const httpsApp = build(ctx, tls);
    apps.push(httpsApp);
    await httpsApp.listen({ port: opts.httpsPort ?? 0, host });
    httpsUrl = origin('https', host, (httpsApp.server.address() as { port: number }).port);
    caCertPem = tls.cert;
  }
  opts.logger?.info({ emulator: 'microsoft', url, httpsUrl }, 'microsoft emulator listening');

  return {
    url,
    httpsUrl,
    caCertPem,
    async close() {
      closing.abort();
      await notifier.close();
      await Promise.all(apps.map((a) => a.close()));
      await stateFile?.flush();
    },
  };
}
