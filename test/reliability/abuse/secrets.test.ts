// Secrets at rest and in logs (issue part 5): across a full scenario at LOG_LEVEL=trace (V2 calendars on both
// emulators, V1 hosted OAuth, webhooks delivered, bots, runtime secrets), no refresh token, client secret,
// access token, API key, calendar token or webhook secret appears in any log line, nor in plaintext (or hex) in
// any column of any table, graphile-worker's job payloads included; API keys are stored as SHA-256 only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/crypto/tokens.js';
import { startScenario, type Scenario } from './support/scenario.js';

const captured: string[] = [];
const originalWrite = process.stderr.write.bind(process.stderr);

function forms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('hex')])];
}

describe('secrets', () => {
  let s: Scenario;

  beforeAll(async () => {
    // pino writes to process.stderr; keep every line (trace level is loud) instead of printing it.
    process.stderr.write = ((chunk: string | Uint8Array) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stderr.write;
    s = await startScenario({ LOG_LEVEL: 'trace' });
    // More paths that handle secrets: a refresh, failed authentications, a Graph validation, a disconnect.
    const h = s.h;
    const v1 = { 'x-recallcalendarauthtoken': s.a.token, 'content-type': 'application/json' };
    await fetch(`${h.base}/api/v1/calendar/meetings/refresh/`, { method: 'POST', headers: v1 });
    await fetch(`${h.base}/api/v2/calendars/`, { headers: { authorization: `Token ${s.a.key}x` } });
    await fetch(`${h.base}/api/v1/calendar/user/`, { headers: { 'x-recallcalendarauthtoken': `${s.a.token}x` } });
    await fetch(`${h.base}/api/v2/calendars/?api_key=${s.a.key}&token=${s.a.token}`, { headers: { authorization: s.a.auth } });
    await fetch(`${h.base}/provider-notifications/microsoft/?validationToken=hello`, { method: 'POST', headers: { 'content-type': 'text/plain' } });
    await fetch(`${h.base}/api/v1/calendar/user/disconnect/`, { method: 'POST', headers: v1, body: JSON.stringify({ platform: 'google' }) });
    await new Promise((r) => setTimeout(r, 1000));
  }, 180_000);
  afterAll(async () => {
    await s?.h.close();
    process.stderr.write = originalWrite;
  });

  it('captured a real trace-level log of the scenario', () => {
    const lines = captured.join('').split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(100);
    // Debug-level lines (graphile-worker, sync) are there, and so are the ids the scenario worked on.
    expect(lines.some((l) => /"level":(10|20)\b/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes(s.ids.calendar))).toBe(true);
    expect(Object.keys(s.secrets).length).toBeGreaterThanOrEqual(15);
  });

  it('logs none of the secrets', () => {
    const log = captured.join('');
    const leaks = Object.entries(s.secrets).filter(([, v]) => forms(v).some((f) => log.includes(f)));
    expect(leaks.map(([k]) => k)).toEqual([]);
  });

  it('stores none of the secrets in plaintext in any table', async () => {
    const pool = s.h.ctx.deps.pool;
    const { rows: tables } = await pool.query<{ s: string; t: string }>(
      `SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema IN ('public', 'graphile_worker') AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => `${t.s}.${t.t}`)).toContain('graphile_worker._private_jobs');
    const leaks: string[] = [];
    let scanned = 0;
    for (const { s: schema, t } of tables) {
      const { rows } = await pool.query<{ r: string }>(`SELECT to_jsonb(x)::text AS r FROM "${schema}"."${t}" x`);
      scanned += rows.length;
      for (const [name, value] of Object.entries(s.secrets)) {
        if (rows.some((row) => forms(value).some((f) => row.r.includes(f)))) leaks.push(`${name} in ${schema}.${t}`);
      }
    }
    expect(scanned).toBeGreaterThan(50);
    expect(leaks).toEqual([]);
  });

  it('stores API keys only as their SHA-256', async () => {
    const { rows } = await s.h.ctx.deps.pool.query('SELECT to_jsonb(k)::text AS r FROM api_keys k');
    const all = rows.map((r) => r.r).join('\n');
    for (const key of [s.secrets.api_key_a, s.secrets.api_key_a2, s.secrets.api_key_b]) {
      expect(all).toContain(sha256Hex(key));
      expect(all).not.toContain(key);
    }
  });
});
