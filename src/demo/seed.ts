// Seeds the demo workspace once: a Google and a Microsoft sandbox account with a realistic week (including two
// meetings starting a few minutes after launch), a V2 calendar for each, a webhook endpoint that delivers to
// rollcall's own demo receiver, and bots on the meetings about to start. Everything goes through the public
// API (with a short-lived key) so the demo exercises exactly what a client would. Progress is recorded in the
// workspace settings (`demo`), so a restart neither repeats nor loses it.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { revokeApiKey } from '../db/api-keys.js';
import { findWorkspace, mergeWorkspaceSettings } from '../db/workspaces.js';
import type { CreatedAccount } from '../sandbox/shared/control-types.js';
import { createApiKey } from '../workspaces/api-keys.js';
import { control, SANDBOX_CLIENT_ID } from './sandbox-config.js';
import type { Sandbox } from '../sandbox/index.js';

export const DEMO_ACCOUNTS = { google_calendar: 'alex@acme.example', microsoft_outlook: 'sam@contoso.example' } as const;
/** The first demo meetings start this many minutes after the first launch. */
export const SOON_MINUTES = 4;
export const DEMO_RECEIVER_PATH = '/api/dashboard/demo-receiver';

interface DemoState {
  seeded_at?: string;
  calendar_ids?: string[];
  bots_scheduled_at?: string;
}

type Call = (method: 'GET' | 'POST', url: string, body?: unknown) => Promise<{ status: number; json: any }>;

export async function seedDemo(deps: Deps, app: FastifyInstance, sandbox: Sandbox, clientSecret: string, workspaceId: string, signal: AbortSignal): Promise<void> {
  const log = deps.log.child({ component: 'demo-seed', workspace_id: workspaceId });
  const ws = await findWorkspace(deps.pool, workspaceId);
  let state = ((ws?.settings.demo ?? {}) as DemoState) ?? {};
  if (state.seeded_at && state.bots_scheduled_at) return;
  const { key, row } = await createApiKey(deps.pool, workspaceId, 'demo seeding (revoked when done)');
  const call: Call = async (method, url, body) => {
    const r = await app.inject({ method, url, headers: { authorization: `Token ${key}` }, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: r.statusCode, json: r.body ? r.json() : null };
  };
  try {
    if (!state.seeded_at) {
      const ids: string[] = [];
      for (const [platform, email] of Object.entries(DEMO_ACCOUNTS)) {
        const origin = platform === 'google_calendar' ? sandbox.google.url : sandbox.microsoft.url;
        const account = await control<CreatedAccount>(origin, '/accounts', { email, client_id: SANDBOX_CLIENT_ID, client_secret: clientSecret });
        await control(origin, `/accounts/${encodeURIComponent(email)}/seed-week`, { seed: 7, soonMinutes: SOON_MINUTES });
        const created = await call('POST', '/api/v2/calendars/', {
          platform,
          oauth_client_id: account.client_id,
          oauth_client_secret: account.client_secret,
          oauth_refresh_token: account.refresh_token,
          oauth_email: email,
        });
        if (created.status !== 201) throw new Error(`creating the ${platform} demo calendar answered ${created.status}`);
        ids.push(created.json.id as string);
      }
      const hook = await call('POST', '/api/v2/webhook-endpoints/', { url: `${deps.config.publicUrl}${DEMO_RECEIVER_PATH}`, description: 'demo receiver (rollcall itself)' });
      if (hook.status >= 300) log.warn({ status: hook.status }, 'demo webhook endpoint not created');
      state = { ...state, seeded_at: new Date().toISOString(), calendar_ids: ids };
      await mergeWorkspaceSettings(deps.pool, workspaceId, { demo: state });
      log.info({ calendars: ids.length }, 'demo workspace seeded');
    }
    await scheduleSoonBots(call, state.calendar_ids ?? [], log, signal);
    if (signal.aborted) return;
    await mergeWorkspaceSettings(deps.pool, workspaceId, { demo: { ...state, bots_scheduled_at: new Date().toISOString() } });
  } finally {
    await revokeApiKey(deps.pool, row.id, workspaceId).catch(() => undefined);
  }
}

/** Waits for the first sync, then schedules a bot on every upcoming "Demo:" meeting through the V2 endpoint. */
async function scheduleSoonBots(call: Call, calendarIds: string[], log: Deps['log'], signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + 3 * 60_000;
  const pending = new Set(calendarIds);
  while (pending.size && Date.now() < deadline && !signal.aborted) {
    for (const id of [...pending]) {
      const r = await call('GET', `/api/v2/calendar-events/?calendar_id=${id}&is_deleted=false&start_time__gte=${new Date().toISOString()}`);
      const demo = ((r.json?.results ?? []) as any[]).filter((e) => /^Demo:/.test(String(e.raw?.summary ?? e.raw?.subject ?? '')) && e.meeting_url);
      if (r.status !== 200 || demo.length === 0) continue;
      for (const e of demo) {
        const s = await call('POST', `/api/v2/calendar-events/${e.id}/bot/`, {
          deduplication_key: `${e.start_time}-${e.meeting_url}`,
          bot_config: { bot_name: 'rollcall demo bot', metadata: { demo: 'true' } },
        });
        if (s.status !== 200) log.warn({ status: s.status, event_id: e.id }, 'demo bot not scheduled');
      }
      pending.delete(id);
    }
    if (pending.size) await new Promise((r) => setTimeout(r, 1000));
  }
  if (pending.size && !signal.aborted) log.warn({ calendars: [...pending] }, 'demo calendars did not sync in time; no demo bots for them');
}
