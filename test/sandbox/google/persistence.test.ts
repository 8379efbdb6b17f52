// The optional state file: state (accounts, tokens, events, sync position) survives a restart.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator } from '../../../src/sandbox/google/server.js';
import { harness, tokenRequest, type Harness } from './helpers.js';

let dir = '';
let h: Harness | undefined;
afterEach(async () => {
  await h?.em.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('stateFile', () => {
  it('saves on close and loads at start', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gemu-'));
    const stateFile = join(dir, 'google.json');
    h = await harness({ stateFile });
    const ev = await h.createEvent({ summary: 'persisted', start: '2030-01-01T09:00:00Z', end: '2030-01-01T10:00:00Z' });
    const { nextSyncToken } = await h.listAll({});
    await h.em.close();
    const saved = await readFile(stateFile, 'utf8');
    expect(saved).toContain('persisted');

    const em2 = await startGoogleEmulator({ stateFile });
    try {
      const tok = await tokenRequest(em2.url, { grant_type: 'refresh_token', refresh_token: h.account.refresh_token, client_id: 'test-client', client_secret: 'test-secret' });
      expect(tok.status).toBe(200);
      const auth = { authorization: `Bearer ${tok.body.access_token}` };
      const inc = await fetch(`${em2.url}/calendar/v3/calendars/primary/events?syncToken=${encodeURIComponent(nextSyncToken)}`, { headers: auth });
      expect(inc.status).toBe(200);
      expect(((await inc.json()) as any).items).toEqual([]);
      const got = await fetch(`${em2.url}/calendar/v3/calendars/primary/events/${ev.id}`, { headers: auth });
      expect(((await got.json()) as any).summary).toBe('persisted');
    } finally {
      await em2.close();
    }
    h = undefined;
  });
});
