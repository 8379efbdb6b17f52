// The official client libraries as black-box clients: google-auth-library refreshing against the emulator's
// token endpoint and @googleapis/calendar paging events.list and using sync tokens.
import { calendar } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.em.close();
});

function client(refreshToken: string): OAuth2Client {
  const auth = new OAuth2Client({
    clientId: h.account.client_id,
    clientSecret: h.account.client_secret,
    endpoints: { oauth2TokenUrl: `${h.em.url}/token`, oauth2AuthBaseUrl: `${h.em.url}/o/oauth2/v2/auth`, oauth2RevokeUrl: `${h.em.url}/revoke` },
  });
  auth.setCredentials({ refresh_token: refreshToken });
  return auth;
}

describe('official Google client libraries', () => {
  it('events.list pages and syncs through @googleapis/calendar', async () => {
    for (let i = 0; i < 5; i++) {
      await h.createEvent({ summary: `E${i}`, start: `2030-01-0${i + 1}T09:00:00Z`, end: `2030-01-0${i + 1}T10:00:00Z` });
    }
    // googleapis-common bundles its own google-auth-library copy; the runtime types match, the declarations don't.
    const cal = calendar({ version: 'v3', rootUrl: `${h.em.url}/`, auth: client(h.account.refresh_token) as any });
    const ids: string[] = [];
    let pageToken: string | undefined;
    let syncToken: string | undefined | null;
    let pages = 0;
    do {
      const res = await cal.events.list({ calendarId: 'primary', singleEvents: true, maxResults: 2, pageToken });
      pages++;
      ids.push(...(res.data.items ?? []).map((e) => e.id!));
      pageToken = res.data.nextPageToken ?? undefined;
      syncToken = res.data.nextSyncToken;
      if (pageToken) expect(syncToken).toBeFalsy();
    } while (pageToken);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(5);
    expect(syncToken).toBeTruthy();

    await h.createEvent({ summary: 'late', start: '2030-02-01T09:00:00Z', end: '2030-02-01T10:00:00Z' });
    const inc = await cal.events.list({ calendarId: 'primary', singleEvents: true, syncToken: syncToken! });
    expect(inc.data.items?.map((e) => e.summary)).toEqual(['late']);

    await h.control('POST', `/accounts/${h.account.email}/expire-sync-state`);
    await expect(cal.events.list({ calendarId: 'primary', syncToken: inc.data.nextSyncToken! })).rejects.toMatchObject({ status: 410 });

    const watch = await cal.events.watch({ calendarId: 'primary', requestBody: { id: 'lib-chan', type: 'web_hook', address: 'http://127.0.0.1:9/notify' } });
    expect(watch.data.resourceId).toBeTruthy();
    const stop = await cal.channels.stop({ requestBody: { id: 'lib-chan', resourceId: watch.data.resourceId } });
    expect(stop.status).toBe(204);
  });

  it('surfaces invalid_grant after revocation', async () => {
    const auth = client(h.account.refresh_token);
    expect((await auth.getAccessToken()).token).toMatch(/^ya29\./);
    await h.control('POST', `/accounts/${h.account.email}/revoke`);
    const fresh = client(h.account.refresh_token);
    await expect(fresh.getAccessToken()).rejects.toMatchObject({ message: expect.stringContaining('invalid_grant') });
  });
});
