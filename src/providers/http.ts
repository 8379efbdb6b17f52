// The one HTTP path both adapters use: fetch with a per-request timeout, an optional undici dispatcher (to
// trust an emulator's self-signed CA), and network failures turned into ProviderError('transient') so callers
// only ever see classified errors.
import { randomBytes } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { ProviderError } from './provider.js';

export interface ProviderHttpOptions {
  /** Replaces global fetch (tests, instrumentation). */
  fetch?: typeof fetch;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** undici dispatcher, e.g. `new Agent({ connect: { ca } })` for an emulator's HTTPS listener. */
  dispatcher?: Dispatcher;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
}

export interface HttpRequest {
  method?: string;
  headers?: Record<string, string>;
  /** A JSON value (sent as application/json) or form fields (sent form-encoded). */
  json?: unknown;
  form?: Record<string, string>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export class ProviderHttp {
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly opts: ProviderHttpOptions = {}) {
    this.fetchFn = opts.fetch ?? globalThis.fetch;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async request(url: string, req: HttpRequest = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...(req.headers ?? {}) };
    let body: string | undefined;
    if (req.form) {
      body = new URLSearchParams(req.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    const init: RequestInit & { dispatcher?: Dispatcher } = {
      method: req.method ?? (body !== undefined ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    };
    if (this.opts.dispatcher) init.dispatcher = this.opts.dispatcher;
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(url, init);
      text = await res.text();
    } catch (err) {
      const e = err as Error;
      const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
      // Never include the URL: Graph links and query strings can carry tokens.
      throw new ProviderError('transient', timedOut ? `provider request timed out after ${this.timeoutMs} ms` : `provider request failed: ${causeOf(e)}`);
    }
    let json: unknown;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: res.status, headers: res.headers, json };
  }
}

function causeOf(e: Error): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? e.message;
}

/** Retry-After as milliseconds: delta seconds (fractional allowed) or an HTTP date; undefined when absent or unusable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** A random URL-safe secret (channel tokens, clientState). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Token-endpoint success: the fields both providers share. */
export interface TokenResponse {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date;
  scopes: string[];
  idToken: string | null;
}

export function parseTokenResponse(json: unknown, now = Date.now()): TokenResponse {
  if (!isObject(json) || typeof json.access_token !== 'string' || !json.access_token) {
    throw new ProviderError('invalid_request', 'token endpoint answered without an access_token');
  }
  const expiresIn = Number(json.expires_in);
  return {
    accessToken: json.access_token,
    refreshToken: str(json.refresh_token) || null,
    // Without expires_in assume the usual hour; callers refresh early anyway.
    expiresAt: new Date(now + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000),
    scopes: (str(json.scope) ?? '').split(/\s+/).filter(Boolean),
    idToken: str(json.id_token) ?? null,
  };
}

/**
 * The `email` (else `preferred_username`) claim of an id_token received directly from the token endpoint over
 * TLS, where the OIDC spec allows skipping signature checks. Null when absent or undecodable.
 */
export function idTokenEmail(idToken: string | null | undefined): string | null {
  const payload = idToken?.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const email = str(claims.email) ?? str(claims.preferred_username);
    return email && email.includes('@') ? email : null;
  } catch {
    return null;
  }
}
