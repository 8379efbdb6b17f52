// Outgoing webhooks: the subscription validation handshake, change and lifecycle notifications. A receiver
// must acknowledge within the ack timeout (3 s, providers.md §4.4); slower answers, network errors, 429 and
// 5xx count as failures and are retried on `notificationRetryDelaysMs` (Graph retries for up to 4 hours), then
// dropped; other 4xx answers are dropped at once. Every attempt is recorded in the delivery log.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import type { Logger } from 'pino';
import type { FaultRegistry } from '../shared/faults.js';
import type { Settings } from './context.js';
import { safeEqual } from '../../crypto/tokens.js';

export interface Delivery {
  at: string;
  kind: 'validation' | 'change' | 'lifecycle';
  subscriptionId: string | null;
  account: string | null;
  /** Origin and path of the receiver (the query string may carry secrets). */
  url: string;
  attempt: number;
  outcome: 'ok' | 'timeout' | 'error' | 'rejected' | 'dropped' | 'fault_dropped' | 'fault_duplicated' | 'fault_reordered';
  status: number | null;
  ms: number;
}

interface Job {
  kind: 'change' | 'lifecycle';
  subscriptionId: string;
  account: string;
  url: string;
  body: unknown;
  /** Re-checked before every attempt: an expired or deleted subscription stops delivering. */
  live: () => boolean;
}

const MAX_LOG = 2000;
const REORDER_HOLD_MS = 1000;

export class Notifier {
  readonly deliveries: Delivery[] = [];
  private readonly agent = new Agent({ connect: { rejectUnauthorized: false } });
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly held = new Map<string, Job>();
  private closed = false;

  constructor(
    private readonly settings: Settings,
    private readonly faults: FaultRegistry,
    private readonly logger: Logger | null,
  ) {}

  /** POST `?validationToken=` and require a 200 text/plain echo of the decoded token within the timeout. */
  async validate(url: string, subscriptionId: string | null, account: string): Promise<string | null> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = new URL(url);
    target.searchParams.append('validationToken', token);
    const started = Date.now();
    let status: number | null = null;
    try {
      const res = await request(target, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: '',
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.settings.validationTimeoutMs),
      });
      status = res.statusCode;
      const text = await res.body.text();
      const type = String(res.headers['content-type'] ?? '');
      const ok = status === 200 && safeEqual(text, token) && type.startsWith('text/plain');
      this.record({ kind: 'validation', subscriptionId, account, url, attempt: 1, outcome: ok ? 'ok' : 'error', status, started });
      if (ok) return null;
      return status !== 200 ? `the endpoint answered ${status}` : !type.startsWith('text/plain') ? `Content-Type was '${type}', not text/plain` : 'the response body did not match the validation token';
    } catch (err) {
      const timeout = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
      this.record({ kind: 'validation', subscriptionId, account, url, attempt: 1, outcome: timeout ? 'timeout' : 'error', status, started });
      return timeout ? `no answer within ${this.settings.validationTimeoutMs} ms` : `request failed: ${(err as Error).message}`;
    }
  }

  /** Queue a notification, applying notification faults (drop, duplicate, reorder) for the account. */
  send(job: Job): void {
    if (this.closed) return;
    const fault = this.faults.forNotification(job.account);
    const now = Date.now();
    const log = (outcome: Delivery['outcome']): void => this.record({ ...job, subscriptionId: job.subscriptionId, attempt: 0, outcome, status: null, started: now });
    if (fault === 'drop_notifications') return log('fault_dropped');
    const prior = this.held.get(job.account);
    if (fault === 'reorder_notifications' && !prior) {
      // Hold this one back until the next notification for the account has gone out (or a short while).
      log('fault_reordered');
      this.held.set(job.account, job);
      this.later(REORDER_HOLD_MS, () => this.releaseHeld(job.account, job));
      return;
    }
    void this.attempt(job, 1);
    if (fault === 'duplicate_notifications') {
      log('fault_duplicated');
      void this.attempt(job, 1);
    }
    if (prior) this.releaseHeld(job.account, prior);
  }

  private releaseHeld(account: string, job: Job): void {
    if (this.held.get(account) !== job) return;
    this.held.delete(account);
    void this.attempt(job, 1);
  }

  private async attempt(job: Job, attempt: number): Promise<void> {
    if (this.closed || !job.live()) return;
    const started = Date.now();
    let status: number | null = null;
    let outcome: Delivery['outcome'];
    try {
      const res = await request(job.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(job.body),
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.settings.notificationAckTimeoutMs),
      });
      status = res.statusCode;
      await res.body.dump();
      outcome = status >= 200 && status < 300 ? 'ok' : status === 429 || status >= 500 ? 'error' : 'rejected';
    } catch (err) {
      const name = (err as Error).name;
      outcome = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'error';
    }
    this.record({ ...job, attempt, outcome, status, started });
    if (outcome === 'ok' || outcome === 'rejected') return;
    const delay = this.settings.notificationRetryDelaysMs[attempt - 1];
    if (delay === undefined) {
      this.record({ ...job, attempt, outcome: 'dropped', status, started: Date.now() });
      return;
    }
    this.later(delay, () => void this.attempt(job, attempt + 1));
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private record(d: Omit<Delivery, 'at' | 'ms' | 'url'> & { url: string; started: number }): void {
    const u = new URL(d.url);
    const entry: Delivery = {
      at: new Date(d.started).toISOString(),
      kind: d.kind,
      subscriptionId: d.subscriptionId,
      account: d.account,
      url: u.origin + u.pathname,
      attempt: d.attempt,
      outcome: d.outcome,
      status: d.status,
      ms: Date.now() - d.started,
    };
    this.deliveries.push(entry);
    if (this.deliveries.length > MAX_LOG) this.deliveries.splice(0, this.deliveries.length - MAX_LOG);
    this.logger?.info({ emulator: 'microsoft', delivery: entry }, 'microsoft emulator notification');
  }

  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.held.clear();
    this.deliveries.length = 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clear();
    await this.agent.destroy();
  }
}
