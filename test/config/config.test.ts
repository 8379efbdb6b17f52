import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';

describe('configuration', () => {
  it('applies documented defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.embedded).toBe(true);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.ROLLCALL_DATA_DIR).toBe('./.rollcall');
    expect(c.GOOGLE_CALENDAR_API_URL).toBe('https://www.googleapis.com/calendar/v3');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', PUBLIC_URL: 'not a url' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const names = (err as ConfigError).problems.map((p) => p.name).sort();
      expect(names).toEqual(['LOG_LEVEL', 'PORT', 'PUBLIC_URL']);
      expect((err as Error).message).toContain('PORT: must be an integer, got "eighty"');
    }
  });

  it('requires an encryption key with an external database', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db' })).toThrow(/ROLLCALL_ENCRYPTION_KEY/);
    const c = loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db', ROLLCALL_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'), PORT: '8080' });
    expect(c.embedded).toBe(false);
    expect(c.publicUrl).toBe('http://localhost:8080');
  });
});
