// Standard Webhooks signatures (the scheme Svix uses): v1,<base64 HMAC-SHA256("<id>.<timestamp>.<body>")> keyed
// with the base64-decoded part of a `whsec_` secret. Several valid secrets → several space-separated entries.
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

export function generateSigningSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

function secretKey(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error('signing secret must start with whsec_');
  return Buffer.from(secret.slice(PREFIX.length), 'base64');
}

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The signature header value: one entry per secret, newest first. */
export function signatureHeader(secrets: string[], id: string, timestamp: number, body: string): string {
  return secrets.map((s) => sign(s, id, timestamp, body)).join(' ');
}

/** All headers of one attempt: the Standard Webhooks names and the same values under the svix-* names. */
export function webhookHeaders(secrets: string[], id: string, timestamp: number, body: string): Record<string, string> {
  const signature = signatureHeader(secrets, id, timestamp, body);
  const ts = String(timestamp);
  return {
    'content-type': 'application/json',
    'user-agent': 'rollcall-webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': ts,
    'webhook-signature': signature,
    'svix-id': id,
    'svix-timestamp': ts,
    'svix-signature': signature,
  };
}
