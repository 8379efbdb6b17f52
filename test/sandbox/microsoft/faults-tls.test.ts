// Conformance: throttling and error faults, and the HTTPS listener (providers.md §4.5, §8).
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmu, type Emu } from './helpers.js';

let emu: Emu;
let token: string;
beforeAll(async () => {
  emu = await startEmu({ httpsPort: 0 });
  ({ token } = await emu.login('faulty@contoso.com'));
});
afterAll(async () => emu.em.close());

describe('faults', () => {
  it('answers 429 with Retry-After and the Graph error body', async () => {
    await emu.control('POST', '/faults', { kind: 'rate_limit', retryAfter: 2, account: 'faulty@contoso.com', path: 'calendarView', count: 1 });
    const r = await emu.graph(token, '/me/calendarView?startDateTime=2025-06-01T00:00:00Z&endDateTime=2025-06-02T00:00:00Z');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('2');
    expect(r.body.error.code).toBe('TooManyRequests');
    // count: 1 — the next request goes through.
    expect((await emu.graph(token, '/me/calendarView?startDateTime=2025-06-01T00:00:00Z&endDateTime=2025-06-02T00:00:00Z')).status).toBe(200);
  });

  it('injects 503 and 410 errors and logs requests without tokens', async () => {
    const { id } = (await emu.control('POST', '/faults', { kind: 'error', status: 503 })).body;
    expect((await emu.graph(token, '/me')).status).toBe(503);
    await emu.control('DELETE', `/faults/${id}`);
    await emu.control('POST', '/faults', { kind: 'error', status: 410, path: 'delta', count: 1 });
    const gone = await emu.graph(token, '/me/calendarView/delta?startDateTime=2025-06-01T00:00:00Z&endDateTime=2025-06-02T00:00:00Z');
    expect(gone.body.error.code).toBe('SyncStateNotFound');
    const log = (await emu.control('GET', '/requests?account=faulty@contoso.com')).body.value;
    expect(log.map((e: any) => e.status)).toContain(503);
    expect(JSON.stringify(log)).not.toContain(token);
  });
});

describe('https', () => {
  it('serves the same state over HTTPS with the exported CA certificate', async () => {
    expect(emu.em.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const agent = new Agent({ connect: { ca: emu.em.caCertPem! } });
    try {
      const r = await request(`${emu.em.httpsUrl}/v1.0/me`, { headers: { authorization: `Bearer ${token}` }, dispatcher: agent });
      expect(r.statusCode).toBe(200);
      expect(((await r.body.json()) as any).mail).toBe('faulty@contoso.com');
      // Links point back at the HTTPS listener.
      const d = await request(`${emu.em.httpsUrl}/v1.0/me/calendarView/delta?startDateTime=2025-06-01T00:00:00Z&endDateTime=2025-06-02T00:00:00Z`, { headers: { authorization: `Bearer ${token}` }, dispatcher: agent });
      expect(((await d.body.json()) as any)['@odata.deltaLink']).toMatch(new RegExp(`^${emu.em.httpsUrl}/v1.0/`));
      // Without the CA the certificate is rejected.
      await expect(request(`${emu.em.httpsUrl}/v1.0/me`, { dispatcher: new Agent() })).rejects.toThrow();
    } finally {
      await agent.close();
    }
  });
});
