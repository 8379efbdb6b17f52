// Calendar V1 hosted OAuth (api-contract §3.6): the provider callbacks (no auth; the token travels in `state`)
// and the oauth-url helper (rollcall extension, calendar token) that builds a PKCE authorization URL.
import { Type } from '@sinclair/typebox';
import { decodeJwt } from 'jose';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { handleOAuthCallback, type CallbackParams } from '../../calendar-v1/oauth-callback.js';
import { oauthClientFor } from '../../calendar-v1/oauth-clients.js';
import { buildOAuthUrl, callbackPath } from '../../calendar-v1/oauth-url.js';
import { isHttpUrl, parseAbsoluteUrl, parsePlatform } from '../../calendar-v1/input.js';
import { v1Settings } from '../../calendar-v1/settings.js';
import type { V1Platform } from '../../calendar-v1/users.js';
import type { Deps } from '../../deps.js';
import { validationError } from '../../errors.js';
import { authOf } from '../types.js';
import { publicBase } from '../urls.js';

const SUCCESS_TEXT = 'Calendar connected successfully. You can close this window.';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(reply: FastifyReply, status: number, text: string): FastifyReply {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Calendar connection</title></head><body><p>${escapeHtml(text)}</p></body></html>`;
  return reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
}

/** The workspace whose allowlist applies: the verified one, else the one the (unverified) token names. */
function claimedWorkspace(token: string | null | undefined): string | null {
  try {
    const wid = token ? decodeJwt(token).wid : null;
    return typeof wid === 'string' && /^[0-9a-f-]{36}$/i.test(wid) ? wid : null;
  } catch {
    return null;
  }
}

async function redirectAllowed(deps: Deps, url: string | null, workspaceId: string | null): Promise<boolean> {
  if (!url || !isHttpUrl(url)) return false;
  if (!workspaceId) return true;
  const allow = (await v1Settings(deps.pool, workspaceId).catch(() => null))?.redirect_allowlist ?? [];
  return allow.length === 0 || allow.some((prefix) => url.startsWith(prefix));
}

export async function calendarV1OAuthRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const tags = ['Calendar V1'];

  const callback = (platform: V1Platform) => async (req: FastifyRequest, reply: FastifyReply) => {
    const params = { ...(req.query as Record<string, unknown>), ...(req.method === 'POST' ? (req.body as Record<string, unknown>) : {}) };
    const pick = (k: keyof CallbackParams) => (typeof params[k] === 'string' ? (params[k] as string) : undefined);
    const input: CallbackParams = { code: pick('code'), state: pick('state'), error: pick('error'), error_description: pick('error_description') };
    const outcome = await handleOAuthCallback(deps, platform, input, `${publicBase(req, deps.config)}${callbackPath(platform)}`, deps.log.child({ component: 'calendar-v1', request_id: req.id }));
    const workspaceId = outcome.subject?.workspaceId ?? claimedWorkspace(outcome.state?.token);
    const target = outcome.ok ? outcome.state.successUrl : (outcome.state?.errorUrl ?? null);
    // Used exactly as given (its own query string kept); outside the workspace's allowlist the page is shown.
    if (target && (await redirectAllowed(deps, target, workspaceId))) return reply.redirect(target, 302);
    return outcome.ok ? page(reply, 200, SUCCESS_TEXT) : page(reply, 400, outcome.message);
  };
  const query = Type.Object({}, { additionalProperties: true });

  app.get('/api/v1/calendar/google_oauth_callback/', { config: { auth: 'none' }, schema: { tags, summary: 'Google OAuth redirect target', querystring: query } }, callback('google'));
  app.get('/api/v1/calendar/ms_oauth_callback/', { config: { auth: 'none' }, schema: { tags, summary: 'Microsoft OAuth redirect target (query mode)', querystring: query } }, callback('microsoft'));
  app.post('/api/v1/calendar/ms_oauth_callback/', { config: { auth: 'none' }, schema: { tags, summary: 'Microsoft OAuth redirect target (form_post mode)' } }, callback('microsoft'));

  app.get('/api/v1/calendar/oauth-url/', {
    config: { auth: 'calendar', rateLimit: { bucket: 'v1_calendar_user', limit: 120, per: 'calendar_user' } },
    schema: {
      tags,
      summary: 'Build the provider authorization URL for this token (rollcall extension; PKCE, single-use state)',
      querystring: Type.Object({ platform: Type.Optional(Type.String()), success_url: Type.Optional(Type.String()), error_url: Type.Optional(Type.String()), login_hint: Type.Optional(Type.String()) }),
      response: { 200: Type.Object({ url: Type.String(), platform: Type.String(), redirect_uri: Type.String(), expires_at: Type.String() }) },
    },
  }, async (req) => {
    const a = authOf(req);
    const q = req.query as Record<string, string | undefined>;
    const platform = parsePlatform(q.platform);
    const successUrl = parseAbsoluteUrl(q.success_url, 'success_url');
    const errorUrl = parseAbsoluteUrl(q.error_url, 'error_url');
    const client = await oauthClientFor(deps, a.workspaceId, platform);
    if (!client) throw validationError({ platform: [`No ${platform === 'google' ? 'Google' : 'Microsoft'} OAuth client is configured for this workspace.`] });
    const header = req.headers['x-recallcalendarauthtoken'];
    const token = (Array.isArray(header) ? header[0] : header)!.trim();
    const built = await buildOAuthUrl(deps, {
      workspaceId: a.workspaceId,
      calendarUserId: a.calendarUserId!,
      platform,
      token,
      client,
      base: publicBase(req, deps.config),
      successUrl,
      errorUrl,
      loginHint: q.login_hint || undefined,
    });
    return { url: built.url, platform, redirect_uri: built.redirect_uri, expires_at: built.expires_at.toISOString() };
  });
}
