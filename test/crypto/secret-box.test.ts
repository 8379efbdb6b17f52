import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/crypto/secret-box.js';

const k1 = Buffer.alloc(32, 1).toString('base64');
const k2 = Buffer.alloc(32, 2).toString('base64');

describe('SecretBox', () => {
  it('round-trips, with a fresh nonce each time', () => {
    const box = new SecretBox(k1);
    const a = box.encrypt('1//refresh-token');
    const b = box.encrypt('1//refresh-token');
    expect(a).not.toBe(b);
    expect(a).not.toContain('refresh');
    expect(box.decrypt(a)).toBe('1//refresh-token');
    expect(box.decrypt(box.encrypt(''))).toBe('');
    expect(box.decrypt(box.encrypt('ünïcødé 🔑'))).toBe('ünïcødé 🔑');
  });

  it('detects tampering with the ciphertext, the key id or truncation', () => {
    const box = new SecretBox(k1);
    const value = box.encrypt('secret');
    const [prefix, body] = [value.slice(0, value.lastIndexOf(':') + 1), value.slice(value.lastIndexOf(':') + 1)];
    const raw = Buffer.from(body, 'base64url');
    raw[14] ^= 1;
    expect(() => box.decrypt(prefix + raw.toString('base64url'))).toThrow();
    expect(() => box.decrypt(value.slice(0, -4))).toThrow();
    expect(() => box.decrypt('plain')).toThrow(/not an encrypted value/);
    expect(() => new SecretBox(k2).decrypt(value)).toThrow(/not configured/);
  });

  it('rotates: the first key encrypts, every key decrypts', () => {
    const old = new SecretBox(`old:${k1}`);
    const rotated = new SecretBox(`new:${k2},old:${k1}`);
    const before = old.encrypt('a');
    expect(rotated.decrypt(before)).toBe('a');
    expect(rotated.encrypt('b')).toMatch(/^enc:v1:new:/);
    // a ciphertext relabelled with another key id fails authentication (the id is bound as AAD)
    const relabelled = before.replace(':old:', ':new:');
    expect(() => rotated.decrypt(relabelled)).toThrow();
  });

  it('rejects keys of the wrong size', () => {
    expect(() => new SecretBox(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
