// A full scenario over real HTTP with both emulators and a running worker: workspace A connects a Google and a
// Microsoft calendar (V2), a V1 user connects Google through the hosted OAuth flow, a bot is scheduled on an
// event and an ad-hoc bot created, webhooks are delivered, runtime secrets are set. Workspace B exists with its
// own key, token and a few resources. Every secret value involved is collected for the leak scans.
import { withTransaction } from '../../../../src/db/pool.js';
import { emitWebhookMessage } from '../../../../src/webhooks/emit.js';
import { hoursFromNow, startHarness, type Harness } from '../../../calendars/harness.js';
import { cal, consent, followCallback, mintToken, setupOAuthClient, V1_CLIENT } from '../../../calendar-v1/v1-helpers.js';
import { createWorkspace } from '../../../helpers/context.js';

export interface Scenario {
  h: Harness;
  a: { id: string; auth: string; token: string; key: string };
  b: { id: string; auth: string; token: string; key: string; messageId: string; endpointId: string };
  /** A's resource ids by kind. */
  ids: Record<'calendar' | 'calendar_ms' | 'event' | 'bot' | 'scheduled_bot' | 'endpoint' | 'message' | 'api_key' | 'meeting' | 'user' | 'v1_calendar', string>;
  /** Every secret value the scenario handled, by what it is. */
  secrets: Record<string, string>;
}

const ZOOM = 'https://us02web.zoom.us/j/84315220467?pwd=Xy12ab';

export async function startScenario(env: Record<string, string> = {}): Promise<Scenario> {
  const h = await startHarness(env);
  const api = async (auth: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(h.base + path, { method, headers: { authorization: auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const secrets: Record<string, string> = {};
  const aKey = h.auth.replace(/^Token /, '');
  secrets.api_key_a = aKey;

  // V2 calendars on both providers, with a meeting on each.
  const google = await h.createAccount('google_calendar', 'alice@acme.test');
  const ms = await h.createAccount('microsoft_outlook', 'alice@acme.onmicrosoft.test');
  Object.assign(secrets, { google_refresh_token: google.refresh_token, google_client_secret: google.client_secret, ms_refresh_token: ms.refresh_token, ms_client_secret: ms.client_secret });
  await h.control('google_calendar', 'POST', '/accounts/alice@acme.test/events', { summary: 'Design review', start: hoursFromNow(3), end: hoursFromNow(4), conferenceUrl: ZOOM });
  await h.control('microsoft_outlook', 'POST', '/accounts/alice@acme.onmicrosoft.test/events', { summary: 'Sync', start: hoursFromNow(5), end: hoursFromNow(6), conferenceUrl: ZOOM.replace('843', '844') });
  const gcal = await h.connect('google_calendar', google);
  const mcal = await h.connect('microsoft_outlook', ms);
  const events = await h.waitFor('google events', async () => {
    const list = await h.allEvents(gcal.id);
    return list.length ? list : null;
  }, 30_000);
  await h.waitFor('microsoft events', async () => ((await h.allEvents(mcal.id)).length ? true : null), 30_000);
  secrets.google_access_token = (await api(h.auth, 'POST', `/api/v2/calendars/${gcal.id}/access-token/`)).token;
  secrets.ms_access_token = (await api(h.auth, 'POST', `/api/v2/calendars/${mcal.id}/access-token/`)).token;

  // Bots: one scheduled on the event, one ad hoc.
  const scheduled = await api(h.auth, 'POST', `/api/v2/calendar-events/${events[0].id}/bot/`, { deduplication_key: 'review', bot_config: { bot_name: 'Notes' } });
  const bot = await api(h.auth, 'POST', '/api/v1/bot/', { meeting_url: ZOOM, join_at: hoursFromNow(2), bot_name: 'Ad hoc' });

  // Webhook endpoint of the harness plus the workspace secret and runtime secrets.
  const endpoints = await api(h.auth, 'GET', '/api/v2/webhook-endpoints/');
  const endpointId = endpoints.results[0].id as string;
  secrets.endpoint_secret = (await api(h.auth, 'GET', `/api/v2/webhook-endpoints/${endpointId}/secret/`)).secret;
  secrets.workspace_webhook_secret = (await api(h.auth, 'GET', '/api/v2/webhook-secret/')).secret;
  secrets.runtime_http_secret = 'whsec_' + Buffer.from('runtime-http-secret-0123456789ab').toString('base64');
  secrets.recall_webhook_secret = 'whsec_' + Buffer.from('recall-webhook-secret-0123456789').toString('base64');
  secrets.recall_api_key = 'recall-api-key-5f0c1e9a7b2d4c6e8f';
  await api(h.auth, 'PATCH', '/api/v2/workspace/bot-runtime/', { http_secret: secrets.runtime_http_secret, recall_webhook_secret: secrets.recall_webhook_secret, recall_api_key: secrets.recall_api_key });
  const extraKey = await api(h.auth, 'POST', '/api/v2/api-keys/', { description: 'second' });
  secrets.api_key_a2 = extraKey.key;
  await h.waitFor('a delivered webhook', async () => h.webhooks.length > 0, 30_000);
  const messages = await api(h.auth, 'GET', '/api/v2/webhook-messages/');

  // V1: OAuth client, token, hosted connect through the Google emulator, meetings.
  await setupOAuthClient(h, 'google');
  secrets.v1_google_client_secret = V1_CLIENT.google.secret;
  await h.createAccount('google_calendar', 'victor@acme.test');
  await h.control('google_calendar', 'POST', '/accounts/victor@acme.test/events', { summary: 'V1 meeting', start: hoursFromNow(7), end: hoursFromNow(8), conferenceUrl: ZOOM.replace('843', '845') });
  const token = await mintToken(h, 'victor');
  secrets.calendar_token_a = token;
  const built = await cal(h, token, 'GET', '/api/v1/calendar/oauth-url/?platform=google');
  const back = await followCallback(await consent('google', built.body.url, 'victor@acme.test'));
  if (back.status !== 200) throw new Error(`V1 callback: ${back.status} ${back.text.slice(0, 200)}`);
  const meetings = await h.waitFor('V1 meetings', async () => {
    const r = await cal(h, token, 'GET', '/api/v1/calendar/meetings/');
    return r.body?.length ? r.body : null;
  }, 30_000);
  const user = (await cal(h, token, 'GET', '/api/v1/calendar/user/')).body;

  // Workspace B: its own key, V1 user, endpoint and message.
  const b = await createWorkspace(h.ctx.deps, 'workspace-b');
  secrets.api_key_b = b.key;
  const bToken = await mintToken(h, 'bob', b.auth);
  secrets.calendar_token_b = bToken;
  const bEndpoint = await api(b.auth, 'POST', '/api/v2/webhook-endpoints/', { url: `${h.base}/b-hooks` });
  secrets.endpoint_secret_b = bEndpoint.secret;
  const bMessage = await withTransaction(h.ctx.deps.pool, (tx) => emitWebhookMessage(tx, { workspaceId: b.id, event: 'calendar.update', data: { calendar_id: null } }));

  const aId = (await h.ctx.deps.pool.query('SELECT workspace_id FROM api_keys WHERE id = $1', [extraKey.id])).rows[0].workspace_id as string;
  return {
    h,
    a: { id: aId, auth: h.auth, token, key: aKey },
    b: { id: b.id, auth: b.auth, token: bToken, key: b.key, messageId: bMessage, endpointId: bEndpoint.id },
    ids: {
      calendar: gcal.id, calendar_ms: mcal.id, event: events[0].id, bot: bot.id, scheduled_bot: scheduled.bots?.[0]?.bot_id ?? bot.id, endpoint: endpointId,
      message: messages.results[0].id, api_key: extraKey.id, meeting: meetings[0].id, user: user.id, v1_calendar: user.connections[0].id,
    },
    secrets,
  };
}
