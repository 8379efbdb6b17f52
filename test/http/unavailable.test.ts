// With the database unreachable, requests answer 503 `unavailable` with Retry-After (never a 500), and /readyz
// says so, while /healthz still answers.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import { freePort } from '../../src/db/embedded.js';
import { createPool } from '../../src/db/pool.js';
import { buildApp } from '../../src/http/app.js';
import { createLogger } from '../../src/observability/logger.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { TEST_ENCRYPTION_KEY } from '../helpers/context.js';

describe('database unavailable', () => {
  it('answers 503 with Retry-After', async () => {
    const url = `postgres://nobody@127.0.0.1:${await freePort()}/none`;
    const config = loadConfig({ DATABASE_URL: url, ROLLCALL_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, LOG_LEVEL: 'silent' });
    const pool = createPool(url, 1);
    const app = await buildApp({ config, pool, log: createLogger({ level: 'silent', pretty: false }), secrets: new SecretBox(TEST_ENCRYPTION_KEY), metrics: createMetrics({ defaultMetrics: false }) });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v2/api-keys/', headers: { authorization: 'Token abc' } });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toEqual({ detail: 'Service temporarily unavailable.', code: 'unavailable' });
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await pool.end();
    }
  });
});

describe('isDatabaseUnavailable', () => {
  it('recognises the ways a restarting database shows up', async () => {
    const { isDatabaseUnavailable } = await import('../../src/http/plugins/errors.js');
    expect(isDatabaseUnavailable({ message: 'Client has encountered a connection error and is not queryable' })).toBe(true);
    expect(isDatabaseUnavailable({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(true);
    expect(isDatabaseUnavailable({ message: 'x', errors: [{ code: 'ECONNREFUSED' }] })).toBe(true);
    expect(isDatabaseUnavailable({ message: 'Connection terminated unexpectedly' })).toBe(true);
    expect(isDatabaseUnavailable({ code: '23505', message: 'duplicate key value violates unique constraint' })).toBe(false);
  });
});
