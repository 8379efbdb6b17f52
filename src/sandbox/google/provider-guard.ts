// What every provider endpoint does before its own work: injected faults (latency, errors, 429s, hangs),
// and the per-request record for the request log.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FaultRegistry } from '../shared/faults.js';
import type { RequestLog } from '../shared/request-log.js';
import { errors } from './errors.js';

export class ProviderGuard {
  /** Resolvers of requests held open by timeout faults; released (and their sockets destroyed) on close. */
  private readonly hangs = new Set<() => void>();
  private readonly accounts = new WeakMap<FastifyRequest, string>();

  constructor(
    readonly faults: FaultRegistry,
    readonly log: RequestLog,
  ) {}

  /** Remember which account a request concerns (for the log and account-scoped faults). */
  setAccount(req: FastifyRequest, account: string | null): void {
    if (account) this.accounts.set(req, account);
  }

  accountOf(req: FastifyRequest): string | null {
    return this.accounts.get(req) ?? null;
  }

  record(req: FastifyRequest, status: number): void {
    this.log.add({ at: new Date().toISOString(), method: req.method, path: req.url.split('?')[0]!, account: this.accountOf(req), status });
  }

  /**
   * Apply faults; returns true when the request has been answered (or hung) and the handler must stop.
   * `kind` picks the error body: Google API JSON or the OAuth endpoints' flat {error, error_description}.
   */
  async apply(req: FastifyRequest, reply: FastifyReply, account: string | null, kind: 'api' | 'oauth'): Promise<boolean> {
    this.setAccount(req, account);
    const { latencyMs, terminal } = this.faults.forRequest({ account, path: req.url.split('?')[0]! });
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (!terminal) return false;
    if (terminal.kind === 'timeout') {
      // Accept the request and never answer; the socket is destroyed when the emulator closes.
      this.record(req, 0);
      reply.hijack();
      await new Promise<void>((resolve) => this.hangs.add(resolve));
      reply.raw.destroy();
      return true;
    }
    const status = terminal.kind === 'rate_limit' ? (terminal.status ?? 429) : (terminal.status ?? 500);
    const headers: Record<string, string> = terminal.retryAfter !== undefined ? { 'retry-after': String(terminal.retryAfter) } : {};
    if (kind === 'oauth') {
      const error = terminal.kind === 'rate_limit' ? 'rate_limit_exceeded' : (terminal.reason ?? (status >= 500 ? 'internal_failure' : 'invalid_request'));
      await reply.code(status).headers(headers).send({ error, error_description: status >= 500 ? 'Backend Error' : 'Bad Request' });
      return true;
    }
    const e = terminal.kind === 'rate_limit' ? errors.rateLimit(status, terminal.retryAfter) : errors.forStatus(status, terminal.reason);
    await reply.code(e.status).headers({ ...e.headers, ...headers }).send(e.body());
    return true;
  }

  releaseHangs(): void {
    for (const r of this.hangs) r();
    this.hangs.clear();
  }
}
