// Sends one webhook request. No redirects, one overall timeout, and (when the guard is on) an undici Agent whose
// DNS lookup refuses private addresses, so the check applies to the address actually connected to: a hostname
// that resolves differently on a second lookup (DNS rebinding) cannot slip through.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { isBlockedAddress } from './address-guard.js';

export const RESPONSE_BODY_LIMIT = 4096;

export interface SendResult {
  ok: boolean;
  status: number | null;
  /** The first RESPONSE_BODY_LIMIT bytes of the response, as text. */
  body: string | null;
  error: string | null;
  /** Seconds from a Retry-After response header, when present and valid. */
  retryAfterSeconds: number | null;
  durationMs: number;
}

export class BlockedAddressError extends Error {
  readonly code = 'WEBHOOK_ADDRESS_BLOCKED';
  constructor(host: string, address: string) {
    super(`refusing to connect to ${host} (${address}): private or local address`);
  }
}

/** dns.lookup that fails when any resolved address is refused by the guard. */
export const guardedLookup = ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err);
    const bad = addresses.find((a) => isBlockedAddress(a.address));
    if (bad) return callback(new BlockedAddressError(hostname, bad.address));
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}) as unknown as LookupFunction;

export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\s*\d+\s*$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export class WebhookSender {
  private readonly agent: Agent;

  constructor(private readonly opts: { timeoutMs: number; allowPrivate: boolean }) {
    this.agent = new Agent({
      connect: opts.allowPrivate ? { timeout: opts.timeoutMs } : { timeout: opts.timeoutMs, lookup: guardedLookup },
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
  }

  async send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      // An IP literal never goes through lookup, so it is checked here.
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      if (!this.opts.allowPrivate && isIP(host) && isBlockedAddress(host)) throw new BlockedAddressError(host, host);
      const res = await request(url, {
        method: 'POST',
        headers,
        body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      const text = await readLimited(res.body);
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      return {
        ok,
        status: res.statusCode,
        body: text,
        error: ok ? null : `HTTP ${res.statusCode}`,
        retryAfterSeconds: parseRetryAfter(res.headers['retry-after']),
        durationMs: elapsed(),
      };
    } catch (err) {
      return { ok: false, status: null, body: null, error: describeError(err), retryAfterSeconds: null, durationMs: elapsed() };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

async function readLimited(stream: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= RESPONSE_BODY_LIMIT) break; // leaving the loop destroys the stream: the rest is never read
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8');
}

function describeError(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  if (err instanceof BlockedAddressError) return err.message;
  if (e.cause instanceof BlockedAddressError) return e.cause.message;
  const code = e.code ?? e.cause?.code;
  const msg = e.message ?? String(err);
  return (code ? `${code}: ${msg}` : msg).slice(0, 500);
}
