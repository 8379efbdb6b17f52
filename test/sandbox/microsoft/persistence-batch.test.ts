// State file persistence (state and TLS certificate survive a restart) and JSON $batch.
import { mkdtemp, rm, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREFER, startEmu } from './helpers.js';

describe('persistence', () => {
  it('restores accounts, events, delta tokens and the certificate from stateFile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ms-emu-'));
    try {
      const stateFile = join(dir, 'state.json');
      const a = await startEmu({ stateFile, httpsPort: 0 });
      const acc = await a.account('persist@contoso.com');
      await a.control('POST', '/accounts/persist@contoso.com/events', { summary: 'survives', start: '2025-06-10T10:00:00Z', end: '2025-06-10T11:00:00Z' });
      const pem = a.em.caCertPem;
      await a.em.close();
      expect((await readdir(dir)).sort()).toEqual(['state.json', 'state.microsoft-ca.pem', 'state.microsoft-key.pem']);
      const b = await startEmu({ stateFile, httpsPort: 0 });
      try {
        expect(b.em.caCertPem).toBe(pem);
        const r = await b.refresh(acc);
        expect(r.status).toBe(200);
        const view = await b.graph(r.body.access_token, '/me/calendarView?startDateTime=2025-06-01T00:00:00Z&endDateTime=2025-07-01T00:00:00Z');
        expect(view.body.value.map((e: any) => e.subject)).toEqual(['survives']);
      } finally {
        await b.em.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('$batch', () => {
  it('runs up to 20 sub-requests with their own headers', async () => {
    const emu = await startEmu();
    try {
      const { token } = await emu.login('batch@contoso.com');
      const ev = (await emu.control('POST', '/accounts/batch@contoso.com/events', { summary: 'b', start: '2025-06-10T10:00:00Z', end: '2025-06-10T11:00:00Z' })).body;
      const r = await emu.graph(token, '/$batch', {
        body: { requests: [{ id: '1', method: 'GET', url: `/me/events/${ev.id}`, headers: { prefer: PREFER } }, { id: '2', method: 'GET', url: '/me/events/AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0Anope' }] },
      });
      expect(r.status).toBe(200);
      const byId = Object.fromEntries(r.body.responses.map((x: any) => [x.id, x]));
      expect(byId['1']).toMatchObject({ status: 200, body: { id: ev.id, subject: 'b' } });
      expect(byId['2'].status).toBe(404);
      const tooMany = await emu.graph(token, '/$batch', { body: { requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' })) } });
      expect(tooMany.status).toBe(400);
    } finally {
      await emu.em.close();
    }
  });
});

describe('seed-week', () => {
  it('seeds the shared realistic week as Graph events', async () => {
    const emu = await startEmu();
    try {
      const { token } = await emu.login('seed@contoso.com');
      const r = await emu.control('POST', '/accounts/seed@contoso.com/seed-week', { seed: 7, weekStart: '2025-06-09T00:00:00Z' });
      expect(r.status).toBe(200);
      expect(r.body.count).toBeGreaterThan(5);
      const view = await emu.graph(token, '/me/calendarView?startDateTime=2025-06-09T00:00:00Z&endDateTime=2025-06-16T00:00:00Z&$top=200');
      expect(view.body.value.length).toBeGreaterThan(5);
      expect(view.body.value.some((e: any) => e.onlineMeeting?.joinUrl)).toBe(true);
    } finally {
      await emu.em.close();
    }
  });
});
