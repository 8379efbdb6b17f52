// Hooks that run on every provider (non-control) request: identify the account, apply injected faults,
// enforce bearer auth on Graph, and record the request in the request log and the optional pino logger
// (paths only: query strings and bodies may carry codes and tokens, which are never logged).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONTROL_PREFIX } from '../shared/control-types.js';
import type { Fault } from '../shared/faults.js';
import type { Ctx } from './context.js';
import { aadError, graphErrorFor, sendAad, sendGraphError } from './errors.js';
import type { AccessTokenRec } from './types.js';

declare module 'fastify' {
  interface FastifyRequest {
    msAccount: string | null;
    msToken: AccessTokenRec | null;
  }
}

const isControl = (url: string): boolean => url.startsWith(CONTROL_PREFIX + '/') || url === CONTROL_PREFIX;
const isGraph = (url: string): boolean => url.startsWith('/v1.0/') || url.startsWith('/beta/');
const isToken = (url: string): boolean => /^\/[^/]+\/oauth2\/v2\.0\/token/.test(url);
const pathOf = (url: string): string => url.split('?')[0];

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}

function bearer(req: FastifyRequest): string | null {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

function accountOf(ctx: Ctx, req: FastifyRequest): string | null {
  const url = req.url;
  if (isGraph(url)) {
    const token = bearer(req);
    const rec = token ? ctx.identity.accessToken(token) : undefined;
    req.msToken = rec ?? null;
    return rec?.email ?? null;
  }
  if (isToken(url)) {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const rt = body.refresh_token ? ctx.store.refreshTokens.get(body.refresh_token) : undefined;
    if (rt) return ctx.store.grants.get(rt.grantId)?.email ?? null;
    return body.code ? (ctx.store.codes.get(body.code)?.email ?? null) : null;
  }
  return null;
}

function sendFault(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, fault: Fault): FastifyReply | Promise<never> {
  if (fault.kind === 'timeout') {
    // Accept and never answer; the socket is destroyed when the emulator closes.
    return new Promise<never>(() => undefined);
  }
  const status = fault.kind === 'rate_limit' ? 429 : (fault.status ?? 500);
  if (fault.kind === 'rate_limit') reply.header('retry-after', String(fault.retryAfter ?? 1));
  else if (fault.retryAfter !== undefined) reply.header('retry-after', String(fault.retryAfter));
  if (!isGraph(req.url)) {
    const err = aadError(status === 429 || status >= 500 ? 90033 : 70008);
    return sendAad(reply, { status, body: err.body });
  }
  const { code, message } = graphErrorFor(status);
  return sendGraphError(reply, status, code, message);
}

export function registerProviderHooks(app: FastifyInstance, ctx: Ctx): void {
  app.decorateRequest('msAccount', null);
  app.decorateRequest('msToken', null);

  app.addHook('preHandler', async (req, reply) => {
    if (isControl(req.url)) return;
    req.msAccount = accountOf(ctx, req);
    const { latencyMs, terminal } = ctx.faults.forRequest({ account: req.msAccount, path: pathOf(req.url) });
    if (latencyMs > 0) await sleep(latencyMs, ctx.closing);
    if (terminal) return sendFault(ctx, req, reply, terminal);
    if (isGraph(req.url)) {
      const token = bearer(req);
      if (!token) return sendGraphError(reply, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
      if (!req.msToken) return sendGraphError(reply, 401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed, there are no dots (.).');
      if (req.msToken.expiresAt <= Date.now()) return sendGraphError(reply, 401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
      if (ctx.store.grants.get(req.msToken.grantId)?.revoked) return sendGraphError(reply, 401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
    }
  });

  app.addHook('onResponse', async (req, reply) => {
    if (isControl(req.url)) return;
    const entry = { at: new Date().toISOString(), method: req.method, path: pathOf(req.url), account: req.msAccount, status: reply.statusCode };
    ctx.requests.add(entry);
    ctx.logger?.info({ emulator: 'microsoft', ...entry, ms: Math.round(reply.elapsedTime) }, 'microsoft emulator request');
  });
}
