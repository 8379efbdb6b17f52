// The dashboard: its built assets at `/` and the few helpers the public API does not cover (one-time sign-in,
// connecting a calendar through the provider's consent page). Everything else the dashboard shows it reads
// from the public API with the signed-in key.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { authOf } from '../http/types.js';
import { authorizeUrl, ConnectError, dashboardClient, exchangeCode, PLATFORMS, type Platform } from './connect-oauth.js';
import { DEMO_RECEIVER_PATH } from '../demo/seed.js';
import { exchangeLoginCode } from './login.js';
import { registerDashboardStatic } from './static.js';

const STATE_TTL_MS = 15 * 60 * 1000;
const tags = ['Dashboard (rollcall)'];
const LABELS: Record<Platform, string> = { google_calendar: 'Google Calendar', microsoft_outlook: 'Microsoft Outlook' };

const failed = (message: string) => new ApiError('dashboard_connect_failed', message);

export async function dashboardRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  registerDashboardStatic(app);

  if (deps.config.ROLLCALL_SANDBOX === 'on') {
    // Demo mode's webhook endpoint points here, so deliveries (signed, with attempts) show in the dashboard.
    app.post(DEMO_RECEIVER_PATH, { config: { auth: 'none' }, schema: { hide: true } }, async () => ({ received: true }));
  }

  app.post('/api/dashboard/login', {
    config: { auth: 'none' },
    schema: { tags, summary: 'Exchange a one-time sign-in code for a new API key', body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 200 }) }) },
  }, async (req) => {
    const { code } = req.body as { code: string };
    const found = await exchangeLoginCode(deps, code.trim());
    if (!found) throw new ApiError('authentication_failed', 'This sign-in link is invalid, expired or already used.', { headers: { 'WWW-Authenticate': 'Token' } });
    return { api_key: found.key, api_key_id: found.keyId };
  });

  app.get('/api/dashboard/connect', {
    schema: { tags, summary: 'Which providers the dashboard can connect' },
  }, async () => ({
    sandbox: deps.config.ROLLCALL_SANDBOX === 'on',
    platforms: PLATFORMS.map((platform) => ({ platform, label: LABELS[platform], available: dashboardClient(deps.config, platform) !== null })),
  }));

  app.post('/api/dashboard/connect', {
    schema: { tags, summary: 'Start connecting a calendar: returns the provider authorization URL', body: Type.Object({ platform: Type.Union(PLATFORMS.map((p) => Type.Literal(p))) }) },
  }, async (req) => {
    const { platform } = req.body as { platform: Platform };
    const client = dashboardClient(deps.config, platform);
    if (!client) throw failed(`No OAuth client is configured for ${platform}.`);
    // The state names the workspace and platform and expires; encrypted, so it cannot be forged or read.
    const state = Buffer.from(deps.secrets.encrypt(JSON.stringify({ w: authOf(req).workspaceId, p: platform, exp: Date.now() + STATE_TTL_MS }))).toString('base64url');
    return { authorize_url: authorizeUrl(deps.config, platform, client, state) };
  });

  // The provider redirects the browser here; the dashboard (which holds the API key) finishes the connection.
  // Parameters go on in the fragment, so they reach no server log again.
  app.get('/api/dashboard/oauth/callback', { config: { auth: 'none' }, schema: { hide: true } }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const params = new URLSearchParams();
    if (q.error) params.set('error', [q.error, q.error_description].filter(Boolean).join(': ').slice(0, 300));
    else {
      params.set('code', q.code ?? '');
      params.set('state', q.state ?? '');
    }
    reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer');
    return reply.redirect(`/#/connect?${params.toString()}`, 302);
  });

  app.post('/api/dashboard/connect/finish', {
    schema: {
      tags,
      summary: 'Finish connecting: exchange the authorization code and create a V2 calendar',
      body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 4000 }), state: Type.String({ minLength: 1, maxLength: 4000 }) }),
    },
  }, async (req, reply) => {
    const { code, state } = req.body as { code: string; state: string };
    let parsed: { w: string; p: Platform; exp: number };
    try {
      parsed = JSON.parse(deps.secrets.decrypt(Buffer.from(state, 'base64url').toString('utf8'))) as typeof parsed;
    } catch {
      throw failed('The connection request is invalid; start again.');
    }
    if (parsed.w !== authOf(req).workspaceId || !PLATFORMS.includes(parsed.p)) throw failed('The connection request belongs to another workspace.');
    if (parsed.exp < Date.now()) throw failed('The connection request expired; start again.');
    const client = dashboardClient(deps.config, parsed.p);
    if (!client) throw failed(`No OAuth client is configured for ${parsed.p}.`);
    let grant: { refreshToken: string; email: string | null };
    try {
      grant = await exchangeCode(deps.config, parsed.p, client, code);
    } catch (err) {
      if (err instanceof ConnectError || err instanceof TypeError || (err as Error).name === 'TimeoutError') throw failed(`The provider refused the authorization: ${(err as Error).message}`);
      throw err;
    }
    // Create the calendar through the public V2 endpoint with the caller's own key, so it gets exactly the
    // validation, lifecycle and first sync of any API client's calendar.
    const created = await app.inject({
      method: 'POST',
      url: '/api/v2/calendars/',
      headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/json' },
      payload: {
        platform: parsed.p,
        oauth_client_id: client.client_id,
        oauth_client_secret: client.client_secret,
        oauth_refresh_token: grant.refreshToken,
        oauth_email: grant.email,
      },
    });
    if (created.statusCode !== 201) {
      req.log.warn({ status: created.statusCode }, 'dashboard connect: calendar creation failed');
      throw failed(`Creating the calendar failed (HTTP ${created.statusCode}).`);
    }
    const calendar = created.json() as { id: string };
    return reply.status(201).send({ calendar_id: calendar.id });
  });
}
