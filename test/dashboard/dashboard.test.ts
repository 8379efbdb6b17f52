// The dashboard in a real browser against a real rollcall (API + worker + sandbox emulators): sign in, connect a
// sandbox Google calendar through the consent page and watch the first sync finish, schedule a bot on a meeting
// and watch it reach in_call_recording, see signed webhook deliveries and replay one, sign out. Every request
// the browser makes is recorded: rollcall's pages talk only to rollcall (the consent page is the emulator's).
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CLIENT_ID, control } from '../../src/demo/sandbox-config.js';
import { DASHBOARD_BUILD_DIR } from '../../src/dashboard/static.js';
import { CHROMIUM, launchChromium } from './browser.js';
import { startRollcall, type Rollcall } from './harness.js';
import { startReceiver, type Receiver } from './receiver.js';

const ARTIFACTS = path.resolve('test-artifacts');
const EMAIL = 'dana@initech.example';
const LONG = 150_000;

let rc: Rollcall;
let receiver: Receiver;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const requests: { url: string; frame: string; type: string }[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

describe('dashboard in a browser', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
    if (!existsSync(path.join(DASHBOARD_BUILD_DIR, 'index.html'))) throw new Error('the dashboard is not built: run npm run build');
    await mkdir(ARTIFACTS, { recursive: true });
    rc = await startRollcall();
    receiver = await startReceiver();
    const ep = await rc.api('POST', '/api/v2/webhook-endpoints/', { url: receiver.url });
    expect(ep.status).toBe(201);
    receiver.setSecret(ep.body.secret);
    // The account to connect: a realistic week plus a meeting starting in 40 s, so its bot is seen joining.
    const g = rc.sandbox.google.url;
    await control(g, '/accounts', { email: EMAIL, client_id: SANDBOX_CLIENT_ID, client_secret: rc.clientSecret });
    await control(g, `/accounts/${EMAIL}/seed-week`, { seed: 3 });
    const start = new Date(Date.now() + 40_000);
    await control(g, `/accounts/${EMAIL}/events`, {
      summary: 'Kickoff with Globex',
      start: start.toISOString(),
      end: new Date(start.getTime() + 30 * 60_000).toISOString(),
      conferenceUrl: 'https://meet.google.com/kik-offg-lob',
      attendees: [{ email: EMAIL, responseStatus: 'accepted' }, { email: 'buyer@globex.com', responseStatus: 'accepted' }],
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('request', (r) => requests.push({ url: r.url(), frame: r.frame()?.url() ?? '', type: r.resourceType() }));
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await rc?.close();
  });

  it('signs in with an API key', async () => {
    await page.goto(`${rc.url}/`);
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Invalid token');
    await shot('01-sign-in');
    await page.getByLabel('API key').fill(rc.workspace.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  });

  it('connects a sandbox Google calendar through the consent page and shows the first sync finishing', async () => {
    await page.getByRole('link', { name: 'Connect a calendar' }).first().click();
    await page.getByRole('button', { name: 'Connect Google Calendar' }).click();
    await page.waitForURL((u) => u.origin === rc.sandbox.google.url);
    await page.locator('input[name="email"]').fill(EMAIL);
    await shot('02-consent-page');
    await page.locator('#allow').click();
    await page.waitForURL((u) => u.origin === rc.url && u.hash.includes('calendar_id='));
    await page.locator('#sync-state[data-state="synced"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('#sync-state').textContent()).toMatch(/First sync complete: \d+ events synced/);
    await shot('03-connect-progress');
  }, LONG);

  it('finds the meeting, schedules a bot and watches it reach in_call_recording', async () => {
    await page.getByRole('link', { name: 'Open the calendar' }).click();
    await page.getByRole('searchbox').fill('kickoff');
    await expect.poll(() => page.locator('li.event').count()).toBe(1);
    await page.getByRole('searchbox').fill('');
    await shot('04-calendar');
    await page.getByRole('link', { name: 'Kickoff with Globex' }).click();
    await page.getByRole('heading', { name: 'Kickoff with Globex' }).waitFor();
    await page.getByRole('button', { name: 'Schedule bot' }).click();
    await page.getByRole('link', { name: 'rollcall demo bot' }).waitFor();
    await shot('05-meeting');
    await page.getByRole('link', { name: 'rollcall demo bot' }).click();
    await page.locator('.steps li[data-code="ready"]').waitFor();
    await page.locator('.steps li[data-code="in_call_recording"]').waitFor({ timeout: 120_000 });
    await shot('06-bot');
  }, LONG);

  it('shows signed webhook deliveries with their attempts and replays one', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Recent messages' }).waitFor();
    const first = page.locator('.message-head').filter({ hasText: 'succeeded' }).first();
    await first.waitFor();
    await first.click();
    const attempts = page.locator('tr.attempt');
    await expect.poll(() => attempts.count()).toBeGreaterThan(0);
    await expect.poll(() => attempts.first().textContent()).toContain('verified');
    expect(await attempts.first().textContent()).toContain('200');
    await page.getByRole('button', { name: 'Replay' }).click();
    await page.getByRole('status').filter({ hasText: 'Replay queued' }).waitFor();
    await expect.poll(() => attempts.count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await shot('07-webhooks');
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  }, LONG);

  it('shows the overview with calendars, bots and webhook health (the README screenshot)', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('link', { name: EMAIL }).waitFor();
    await page.getByText('Bots due next').waitFor();
    await shot('00-overview');
    await mkdir(path.resolve('docs/images'), { recursive: true });
    await copyFile(path.join(ARTIFACTS, '00-overview.png'), path.resolve('docs/images/dashboard.png'));
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('made no request to a host other than rollcall (and the sandbox consent page it sent the browser to)', () => {
    const rollcall = new URL(rc.url).origin;
    const allowed = new Set([rollcall, rc.sandbox.google.url]);
    const strays = requests.filter((r) => !allowed.has(new URL(r.url).origin));
    expect(strays).toEqual([]);
    // rollcall's own pages load nothing from anywhere else, the emulator included (only navigations leave).
    const fromDashboard = requests.filter((r) => r.frame.startsWith(rollcall) && r.type !== 'document' && new URL(r.url).origin !== rollcall);
    expect(fromDashboard).toEqual([]);
    expect(requests.length).toBeGreaterThan(20);
  });
});
