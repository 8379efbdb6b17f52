// The dashboard's Calendar V1 pages in a real browser against a real rollcall (same harness as
// dashboard.test.ts): a V1 user connects a sandbox Google calendar the way an app does it (token, oauth-url,
// consent, callback); the dashboard lists the user, and on the user's page an override to "Record" makes the
// meeting record with a bot, "Follow preferences" takes both back, and after a token-secret rotation the page
// mints a new token and a preference toggle records the meeting again.
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CLIENT_ID, control } from '../../src/demo/sandbox-config.js';
import { DASHBOARD_BUILD_DIR } from '../../src/dashboard/static.js';
import { CHROMIUM, launchChromium } from './browser.js';
import { startRollcall, type Rollcall } from './harness.js';

const ARTIFACTS = path.resolve('test-artifacts');
const EMAIL = 'riley@initech.example';
const USER_ID = 'customer-42';
const TITLE = 'Roadmap with Globex';

let rc: Rollcall;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const requests: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

async function calendarCall(token: string, method: string, p: string): Promise<any> {
  const res = await fetch(`${rc.url}${p}`, { method, headers: { 'X-RecallCalendarAuthToken': token } });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('dashboard: Calendar V1 users', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
    if (!existsSync(path.join(DASHBOARD_BUILD_DIR, 'index.html'))) throw new Error('the dashboard is not built: run npm run build');
    await mkdir(ARTIFACTS, { recursive: true });
    rc = await startRollcall();
    const g = rc.sandbox.google.url;
    // The workspace's V1 OAuth client is the sandbox client (registered with the emulator for any redirect URI).
    const client = await rc.api('PUT', '/api/v2/workspace/oauth-clients/google/', { client_id: SANDBOX_CLIENT_ID, client_secret: rc.clientSecret });
    expect(client.status).toBe(200);
    await control(g, '/accounts', { email: EMAIL });
    const start = new Date(Date.now() + 30 * 60_000);
    start.setUTCSeconds(0, 0);
    await control(g, `/accounts/${EMAIL}/events`, {
      summary: TITLE,
      start: start.toISOString(),
      end: new Date(start.getTime() + 30 * 60_000).toISOString(),
      conferenceUrl: 'https://meet.google.com/rdm-glbx-xyz',
      attendees: [{ email: EMAIL, responseStatus: 'accepted' }, { email: 'buyer@globex.com', responseStatus: 'accepted' }],
    });
    await control(g, `/accounts/${EMAIL}/events`, {
      summary: 'Focus time',
      start: new Date(start.getTime() + 60 * 60_000).toISOString(),
      end: new Date(start.getTime() + 120 * 60_000).toISOString(),
    });

    // The app's side: a token for its user, the consent URL, the user's consent, the provider's redirect.
    const minted = await rc.api('POST', '/api/v1/calendar/authenticate/', { user_id: USER_ID });
    expect(minted.status).toBe(200);
    const token = minted.body.token as string;
    const built = await calendarCall(token, 'GET', '/api/v1/calendar/oauth-url/?platform=google');
    const authorize = new URL(built.url);
    authorize.searchParams.set('auto_consent', EMAIL);
    const consent = await fetch(authorize, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const callback = await fetch(consent.headers.get('location')!, { redirect: 'manual' });
    expect(callback.status).toBe(200);
    await until('the first sync', async () => {
      const meetings: { title: string }[] = await calendarCall(token, 'GET', '/api/v1/calendar/meetings/');
      return meetings.some((m) => m.title === TITLE);
    });

    browser = await launchChromium();
    page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('request', (r) => requests.push(r.url()));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await rc?.close();
  });

  it('lists the V1 user with its connection, preferences and meetings that will record', async () => {
    await page.goto(`${rc.url}/`);
    await page.getByLabel('API key').fill(rc.workspace.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('link', { name: 'V1 users' }).click();
    await page.getByRole('heading', { name: 'V1 users' }).waitFor();
    const row = page.locator('tr', { has: page.getByRole('link', { name: USER_ID }) });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('0 of 2 meetings');
    const text = await row.textContent();
    expect(text).toContain(EMAIL);
    expect(text).toContain('records nothing');
    expect(await row.locator('[data-platform="google"] [data-status]').getAttribute('data-status')).toBe('connected');
    expect(await row.locator('[data-platform="microsoft"] [data-status]').getAttribute('data-status')).toBe('not_connected');
    await shot('08-v1-users');
  });

  it('overrides a meeting to Record (a bot appears), then back to Follow preferences (the bot goes)', async () => {
    await page.getByRole('link', { name: USER_ID }).click();
    await page.getByRole('heading', { name: USER_ID }).waitFor();
    const row = page.locator('tr.meeting', { hasText: TITLE });
    await row.waitFor();
    expect(await row.getAttribute('data-will-record')).toBe('false');
    expect(await row.textContent()).toContain('No recording preferences are enabled');
    const override = row.getByRole('group', { name: `Recording override for ${TITLE}` });
    expect(await override.getByRole('button', { name: 'Follow preferences' }).getAttribute('aria-pressed')).toBe('true');

    await override.getByRole('button', { name: 'Record', exact: true }).click();
    await page.locator(`tr.meeting[data-will-record="true"]`, { hasText: TITLE }).waitFor();
    expect(await row.textContent()).toContain('Recording turned on for this meeting');
    expect(await override.getByRole('button', { name: 'Record', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const botLink = row.locator('td.bot a');
    await botLink.waitFor();
    const botId = /^#\/bots\/([0-9a-f-]{36})$/.exec((await botLink.getAttribute('href')) ?? '')?.[1];
    expect(botId).toBeDefined();
    expect((await rc.api('GET', `/api/v1/bot/${botId}/`)).status).toBe(200);
    await shot('09-v1-user');

    // Back with the keyboard: focus the button, press Enter.
    await override.getByRole('button', { name: 'Follow preferences' }).focus();
    await page.keyboard.press('Enter');
    await page.locator(`tr.meeting[data-will-record="false"]`, { hasText: TITLE }).waitFor();
    expect(await row.textContent()).toContain('No recording preferences are enabled');
    await expect.poll(() => row.locator('td.bot a').count()).toBe(0);
    // The bot was never dispatched and served only this meeting: it is deleted.
    expect((await rc.api('GET', `/api/v1/bot/${botId}/`)).status).toBe(404);
  });

  it('after the token secret is rotated, mints a new token and records the meeting from a preference toggle', async () => {
    const row = page.locator('tr.meeting', { hasText: TITLE });
    const mints = () => requests.filter((u) => u.endsWith('/api/v1/calendar/authenticate/')).length;
    expect(mints()).toBe(1); // minted once on the users page, reused on the user's page
    // Every token the tab holds is now refused (401): the page mints a new one and carries on.
    expect((await rc.api('POST', '/api/v2/workspace/calendar-token-secret/rotate/')).status).toBeLessThan(300);
    await page.getByRole('checkbox', { name: 'Meetings with external attendees' }).check();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.locator(`tr.meeting[data-will-record="true"]`, { hasText: TITLE }).waitFor();
    expect(await row.textContent()).toContain('Matches recording preference: external meeting');
    expect(mints()).toBeGreaterThanOrEqual(2);
    await row.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.locator('[data-will-record="true"]').waitFor();
    await page.getByRole('group', { name: `Recording override for ${TITLE}` }).getByRole('button', { name: 'Don’t record' }).click();
    await page.locator('[data-will-record="false"]').getByText('Recording turned off for this meeting').waitFor();
    await shot('10-v1-meeting');
  });

  it('made no request to a host other than rollcall', () => {
    const origin = new URL(rc.url).origin;
    expect(requests.filter((u) => new URL(u).origin !== origin)).toEqual([]);
    expect(requests.length).toBeGreaterThan(10);
  });
});
