// The program as an operator runs it: real processes, real PostgreSQL, real ports.
import { execSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { TEST_ENCRYPTION_KEY } from '../helpers/context.js';
import { createTestDatabase } from '../helpers/database.js';
import { runRollcall, waitForHttp, waitForOutput, type RunningProcess } from '../helpers/process.js';

const started: RunningProcess[] = [];
afterAll(() => {
  for (const p of started) p.child.kill('SIGKILL');
});

function postgresFor(dir: string): string {
  try {
    return execSync(`pgrep -af '[p]ostgres -D ${dir}' || true`).toString().trim();
  } catch {
    return '';
  }
}

describe('rollcall processes', () => {
  it('embedded: first start prints a working key; SIGTERM leaves no PostgreSQL; a restart reuses the data', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rollcall-embedded-'));
    try {
      const port = String(await freePort());
      const first = runRollcall(['serve'], { ROLLCALL_DATA_DIR: dir, PORT: port, DATABASE_URL: '' });
      started.push(first);
      const [, key] = await waitForOutput(first, /\n {4}([0-9a-f]{40})\n/);
      expect((await readFile(path.join(dir, 'default-api-key'), 'utf8')).trim()).toBe(key);
      await waitForHttp(`http://127.0.0.1:${port}/readyz`);
      const list = await fetch(`http://127.0.0.1:${port}/api/v2/api-keys/`, { headers: { authorization: `Token ${key}` } });
      expect(list.status).toBe(200);
      expect(postgresFor(path.join(dir, 'pg'))).not.toBe('');

      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(postgresFor(path.join(dir, 'pg'))).toBe('');
      // an orderly stop: no error is logged, except (a known, rare race, see docs/reliability.md) a dedicated
      // LISTEN connection terminated by the server stopping (57P01)
      const errors = first.output().split('\n').filter((l) => l.includes('"level":50') && !l.includes('"code":"57P01"'));
      expect(errors).toEqual([]);

      const second = runRollcall(['serve'], { ROLLCALL_DATA_DIR: dir, PORT: port, DATABASE_URL: '' });
      started.push(second);
      await waitForHttp(`http://127.0.0.1:${port}/readyz`);
      const again = await fetch(`http://127.0.0.1:${port}/api/v2/api-keys/`, { headers: { authorization: `Token ${key}` } });
      expect(again.status).toBe(200);
      // the same workspace and key, not a new first start (demo seeding may have added keys of its own)
      expect((await again.json()).results.map((k: { prefix: string }) => k.prefix)).toContain(key.slice(0, 6));
      expect(second.output()).not.toMatch(/created the workspace/);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  });

  it('external: two serve processes started at the same moment on one database both come up', { timeout: 120_000 }, async () => {
    const db = await createTestDatabase();
    try {
      // an empty schema so both processes race through the migrations
      const env = { DATABASE_URL: db.url, ROLLCALL_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY };
      const ports = [String(await freePort()), String(await freePort())];
      const procs = ports.map((PORT) => runRollcall(['serve'], { ...env, PORT }));
      started.push(...procs);
      for (const port of ports) {
        const ready = await waitForHttp(`http://127.0.0.1:${port}/readyz`);
        expect((await ready.json()).status).toBe('ready');
      }
      for (const p of procs) p.child.kill('SIGTERM');
      expect(await Promise.all(procs.map((p) => p.exited))).toEqual([0, 0]);
    } finally {
      await db.drop();
    }
  });

  it('exits non-zero naming a bad variable', async () => {
    const p = runRollcall(['migrate'], { PORT: 'eighty' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('PORT: must be an integer, got "eighty"');
  });

  it('documents every command and option in --help', async () => {
    const help = runRollcall(['--help'], {});
    await help.exited;
    for (const cmd of ['serve', 'api', 'worker', 'migrate', 'workspace', 'api-key']) expect(help.output()).toContain(cmd);
    const keyHelp = runRollcall(['api-key', 'create', '--help'], {});
    await keyHelp.exited;
    expect(keyHelp.output()).toContain('--workspace <id>');
  });

  it('creates workspaces and keys from the command line, and revokes keys', { timeout: 60_000 }, async () => {
    const db = await createTestDatabase();
    try {
      const env = { DATABASE_URL: db.url, ROLLCALL_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, LOG_LEVEL: 'silent' };
      const ws = runRollcall(['workspace', 'create', 'acme'], env);
      expect(await ws.exited).toBe(0);
      const { id } = JSON.parse(ws.output().trim().split('\n').at(-1)!);
      const key = runRollcall(['api-key', 'create', '--workspace', id], env);
      expect(await key.exited).toBe(0);
      const created = JSON.parse(key.output().trim().split('\n').at(-1)!);
      expect(created.key).toMatch(/^[0-9a-f]{40}$/);
      const revoke = runRollcall(['api-key', 'revoke', created.id], env);
      expect(await revoke.exited).toBe(0);
      const again = runRollcall(['api-key', 'revoke', created.id], env);
      expect(await again.exited).toBe(1);
    } finally {
      await db.drop();
    }
  });
});
