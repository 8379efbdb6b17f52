// Encrypts secrets at rest with AES-256-GCM. Ciphertexts carry the key id so keys can rotate: the first key
// encrypts, every configured key decrypts. Format: `enc:v1:<key id>:<base64url(nonce | ciphertext | tag)>`.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly primaryId: string;

  constructor(keySpec: string) {
    const parts = keySpec.split(',').map((p) => p.trim()).filter(Boolean);
    if (parts.length === 0) throw new Error('no encryption key given');
    for (const part of parts) {
      const colon = part.indexOf(':');
      const [id, b64] = colon > 0 ? [part.slice(0, colon), part.slice(colon + 1)] : [null, part];
      const key = Buffer.from(b64, 'base64');
      if (key.length !== 32) throw new Error('each encryption key must be base64 of exactly 32 bytes');
      const keyId = id ?? createHash('sha256').update(key).digest('hex').slice(0, 8);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(keyId)) throw new Error(`invalid encryption key id "${keyId}"`);
      this.keys.set(keyId, key);
    }
    this.primaryId = [...this.keys.keys()][0];
  }

  static generateKey(): string {
    return randomBytes(32).toString('base64');
  }

  encrypt(plaintext: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.primaryId)!, nonce);
    cipher.setAAD(Buffer.from(this.primaryId));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}${this.primaryId}:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** Throws when the value was tampered with, or its key is not configured. */
  decrypt(value: string): string {
    if (!value.startsWith(PREFIX)) throw new Error('not an encrypted value');
    const rest = value.slice(PREFIX.length);
    const colon = rest.indexOf(':');
    const keyId = rest.slice(0, colon);
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`encryption key "${keyId}" is not configured`);
    const raw = Buffer.from(rest.slice(colon + 1), 'base64url');
    if (raw.length < 28) throw new Error('encrypted value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  }

  encryptNullable(v: string | null | undefined): string | null {
    return v === null || v === undefined ? null : this.encrypt(v);
  }

  decryptNullable(v: string | null | undefined): string | null {
    return v === null || v === undefined ? null : this.decrypt(v);
  }
}
