// Signed requests between rollcall and runtimes, in the Standard Webhooks scheme the outbound webhooks use:
// `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256("<id>.<ts>.<body>")>`.
import { timingSafeEqual } from 'node:crypto';
import { sign, webhookHeaders } from '../webhooks/signing.js';

const TOLERANCE_S = 300;

/** Headers for a signed request body (also as svix-*; receivers may use either verifier). */
export function signedHeaders(secret: string | null, id: string, body: string, now = Date.now()): Record<string, string> {
  if (!secret) return { 'content-type': 'application/json', 'webhook-id': id };
  return { ...webhookHeaders([secret], id, Math.floor(now / 1000), body), 'user-agent': 'rollcall-runtime/1' };
}

function header(h: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = h[`webhook-${name}`] ?? h[`svix-${name}`];
  return Array.isArray(v) ? v[0] : v;
}

/** True when one signature entry matches and the timestamp is within 5 minutes. */
export function verifySignedRequest(secret: string, headers: Record<string, string | string[] | undefined>, rawBody: string, now = Date.now()): boolean {
  const id = header(headers, 'id');
  const ts = header(headers, 'timestamp');
  const sig = header(headers, 'signature');
  if (!id || !ts || !sig || !/^\d+$/.test(ts)) return false;
  if (Math.abs(now / 1000 - Number(ts)) > TOLERANCE_S) return false;
  let expected: Buffer;
  try {
    expected = Buffer.from(sign(secret, id, Number(ts), rawBody));
  } catch {
    return false;
  }
  return sig.split(' ').some((entry) => {
    const got = Buffer.from(entry);
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
