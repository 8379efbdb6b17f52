// Black-box: the official @microsoft/microsoft-graph-client pages delta over the emulator's HTTPS listener.
// The client only attaches the bearer token to https URLs on Graph or custom hosts (providers.md §4.6), and
// uses the global fetch: we hand it undici's fetch with an Agent trusting the emulator's CA.
import { Client, PageIterator } from '@microsoft/microsoft-graph-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmu, type Emu } from './helpers.js';

let emu: Emu;
let token: string;
let agent: Agent;
const USER = 'sdk@contoso.com';

beforeAll(async () => {
  emu = await startEmu({ httpsPort: 0 });
  ({ token } = await emu.login(USER));
  agent = new Agent({ connect: { ca: emu.em.caCertPem! } });
  vi.stubGlobal('fetch', ((input: any, init: any) => undiciFetch(input, { ...init, dispatcher: agent })) as typeof fetch);
  for (let i = 0; i < 25; i++) {
    const s = Date.parse('2025-06-02T08:00:00Z') + i * 3_600_000;
    await emu.control('POST', `/accounts/${USER}/events`, { summary: `sdk ${i}`, start: new Date(s).toISOString(), end: new Date(s + 1_800_000).toISOString() });
  }
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await emu.em.close();
  await agent.close();
});

function client(): Client {
  return Client.init({
    authProvider: (done) => done(null, token),
    baseUrl: `${emu.em.httpsUrl}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(emu.em.httpsUrl!).hostname]),
  });
}

describe('@microsoft/microsoft-graph-client', () => {
  it('reads /me and pages calendarView/delta to a deltaLink, then follows it', async () => {
    const c = client();
    expect((await c.api('/me').get()).mail).toBe(USER);
    const prefer = ['outlook.timezone="UTC"', 'IdType="ImmutableId"', 'odata.maxpagesize=10'];
    let page = await c.api('/me/calendarView/delta').query({ startDateTime: '2025-06-01T00:00:00Z', endDateTime: '2025-07-01T00:00:00Z' }).header('Prefer', prefer.join(', ')).get();
    const items: any[] = [...page.value];
    let pages = 1;
    while (page['@odata.nextLink']) {
      expect(page['@odata.nextLink']).toMatch(/^https:/);
      page = await c.api(page['@odata.nextLink']).header('Prefer', prefer.join(', ')).get();
      items.push(...page.value);
      pages++;
    }
    expect(pages).toBe(3);
    expect(items).toHaveLength(25);
    expect(new Set(items.map((i) => i.subject)).size).toBe(25);
    const deltaLink = page['@odata.deltaLink'];
    expect(deltaLink).toMatch(new RegExp(`^${emu.em.httpsUrl}/v1.0/me/calendarView/delta\\?\\$deltatoken=`));

    await emu.control('PATCH', `/accounts/${USER}/events/${items[0].id}`, { summary: 'renamed by test' });
    const inc = await c.api(deltaLink).header('Prefer', prefer.join(', ')).get();
    expect(inc.value.map((i: any) => i.subject)).toEqual(['renamed by test']);
  });

  it('works with the PageIterator helper', async () => {
    const c = client();
    const first = await c.api('/me/calendarView').query({ startDateTime: '2025-06-01T00:00:00Z', endDateTime: '2025-07-01T00:00:00Z', $top: '7' }).get();
    const seen: string[] = [];
    const it = new PageIterator(c, first, (e: any) => {
      seen.push(e.id);
      return true;
    });
    await it.iterate();
    expect(seen).toHaveLength(25);
  });
});
