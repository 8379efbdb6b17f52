// Helpers for the V1 end-to-end tests: a browser-like client of the calendar-token API, and the consent step
// of each emulator followed the way a browser would (Google: its auto-consent parameter; Microsoft: the consent
// form posted back).
import type { Harness, Platform } from '../calendars/harness.js';

export const V1_CLIENT = { google: { id: 'v1-google-client', secret: 'v1-google-secret' }, microsoft: { id: 'v1-ms-client', secret: 'v1-ms-secret' } };

export type V1Platform = 'google' | 'microsoft';
export const calendarPlatform = (p: V1Platform): Platform => (p === 'google' ? 'google_calendar' : 'microsoft_outlook');
export const callbackUrl = (h: Harness, p: V1Platform) => `${h.base}/api/v1/calendar/${p === 'google' ? 'google' : 'ms'}_oauth_callback/`;

/** Registers the workspace's OAuth client with the emulator (exact redirect URI) and with rollcall. */
export async function setupOAuthClient(h: Harness, p: V1Platform, auth = h.auth): Promise<void> {
  const c = V1_CLIENT[p];
  await h.control(calendarPlatform(p), 'POST', '/clients', { client_id: c.id, client_secret: c.secret, redirect_uris: [callbackUrl(h, p)] });
  const res = await fetch(`${h.base}/api/v2/workspace/oauth-clients/${p}/`, {
    method: 'PUT',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: c.id, client_secret: c.secret }),
  });
  if (res.status !== 200) throw new Error(`oauth client: ${res.status} ${await res.text()}`);
}

export async function mintToken(h: Harness, userId: string, auth = h.auth): Promise<string> {
  const res = await fetch(`${h.base}/api/v1/calendar/authenticate/`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ user_id: userId }) });
  if (res.status !== 200) throw new Error(`authenticate: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** A call as the browser makes it: calendar token header, JSON content type even without a body. */
export async function cal(h: Harness, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(h.base + path, {
    method,
    headers: { 'X-RecallCalendarAuthToken': token, 'Content-Type': 'application/json', origin: 'https://app.example' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/**
 * Plays the user's consent at the emulator for `email` and returns the URL the provider redirects the browser to
 * (rollcall's callback with code and state). `grantScopes` narrows the grant (Google only).
 */
export async function consent(p: V1Platform, authorizeUrl: string, email: string, grantScopes?: string): Promise<string> {
  if (p === 'google') {
    const u = new URL(authorizeUrl);
    u.searchParams.set('auto_consent', email);
    if (grantScopes) u.searchParams.set('auto_scopes', grantScopes);
    const res = await fetch(u, { redirect: 'manual' });
    if (res.status !== 302) throw new Error(`google authorize: ${res.status} ${await res.text()}`);
    return res.headers.get('location')!;
  }
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  if (page.status !== 200) throw new Error(`microsoft authorize: ${page.status} ${await page.text()}`);
  const html = await page.text();
  // Submit the consent form as a browser would: its hidden fields, the sign-in name and "Accept".
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) form.set(decode(m[1]), decode(m[2]));
  form.set('login', email);
  form.set('consent', 'accept');
  const action = /<form method="post" action="([^"]+)"/.exec(html)![1];
  const res = await fetch(new URL(decode(action), authorizeUrl), { method: 'POST', body: form, redirect: 'manual' });
  if (res.status !== 302) throw new Error(`microsoft consent: ${res.status} ${await res.text()}`);
  return res.headers.get('location')!;
}

function decode(s: string): string {
  return s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Follows the provider's redirect to rollcall's callback without following rollcall's own redirect. */
export async function followCallback(location: string): Promise<{ status: number; location: string | null; text: string }> {
  const res = await fetch(location, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

export const minutesFromNow = (m: number) => {
  const d = new Date(Date.now() + m * 60_000);
  d.setUTCSeconds(0, 0);
  return d.toISOString();
};
