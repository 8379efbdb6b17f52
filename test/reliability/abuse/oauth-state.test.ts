// The V1 hosted OAuth `state` (issue part 5) cannot be tampered with or replayed: every edit of an issued
// state — its redirect target, its token, its platform, or stripping rollcall's nonce to pass it off as a
// client-built state — fails the callback and connects nothing; a used state fails the second time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../calendars/harness.js';
import { cal, consent, followCallback, mintToken, setupOAuthClient } from '../../calendar-v1/v1-helpers.js';

describe('V1 OAuth state', () => {
  let h: Harness;
  let token: string;
  let otherToken: string;
  const email = 'stateful@acme.test';

  beforeAll(async () => {
    h = await startHarness();
    await setupOAuthClient(h, 'google');
    await setupOAuthClient(h, 'microsoft');
    await h.createAccount('google_calendar', email);
    token = await mintToken(h, 'state-user');
    otherToken = await mintToken(h, 'other-user');
  }, 120_000);
  afterAll(async () => h?.close());

  /** A fresh authorization: the callback URL the provider sends the browser to, not yet followed. */
  const authorize = async () => {
    const built = await cal(h, token, 'GET', `/api/v1/calendar/oauth-url/?platform=google&success_url=${encodeURIComponent('https://app.example/ok')}`);
    expect(built.status).toBe(200);
    return new URL(await consent('google', built.body.url, email));
  };
  const editState = (callback: URL, edit: (s: Record<string, unknown>) => void, path = callback.pathname) => {
    const state = JSON.parse(callback.searchParams.get('state')!) as Record<string, unknown>;
    edit(state);
    const u = new URL(callback);
    u.pathname = path;
    u.searchParams.set('state', JSON.stringify(state));
    return u.toString();
  };
  const connected = async (t: string) => (await cal(h, t, 'GET', '/api/v1/calendar/user/')).body.connections.some((c: { connected: boolean }) => c.connected);

  it.each([
    ['a changed success_url', (s: Record<string, unknown>) => (s.success_url = 'https://evil.example/steal')],
    ['a changed redirect uri', (s: Record<string, unknown>) => (s.google_oauth_redirect_url = 'https://evil.example/cb')],
    ["another user's token", (s: Record<string, unknown>) => (s.recall_calendar_auth_token = '__OTHER__')],
    ['the nonce stripped (posing as a client-built state) and a new target', (s: Record<string, unknown>) => {
      delete s.rollcall_nonce;
      s.success_url = 'https://evil.example/steal';
    }],
    ['a forged nonce', (s: Record<string, unknown>) => (s.rollcall_nonce = 'A'.repeat(43))],
  ])('refuses a state with %s and connects nothing', async (_name, edit) => {
    const callback = await authorize();
    const tampered = editState(callback, (s) => {
      edit(s);
      if (s.recall_calendar_auth_token === '__OTHER__') s.recall_calendar_auth_token = otherToken;
    });
    const res = await followCallback(tampered);
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
    expect(await connected(token)).toBe(false);
    expect(await connected(otherToken)).toBe(false);
  });

  it("refuses a Google state on Microsoft's callback", async () => {
    const callback = await authorize();
    const res = await followCallback(editState(callback, () => undefined, '/api/v1/calendar/ms_oauth_callback/'));
    expect(res.status).toBe(400);
    expect(await connected(token)).toBe(false);
  });

  it('accepts the untouched state once, and refuses its replay', async () => {
    const callback = await authorize();
    const first = await followCallback(callback.toString());
    expect(first.status).toBe(302);
    expect(first.location).toBe('https://app.example/ok');
    const replay = await followCallback(callback.toString());
    expect(replay.status).toBe(400);
    await h.waitFor('connected', async () => connected(token));
  });
});
