// Fault injection shared by both emulators: tests register faults through the control API and each provider
// request (or push notification) asks the registry which faults apply to it.
import { randomUUID } from 'node:crypto';
import type { FaultInput, FaultKind } from './control-types.js';

export interface Fault extends FaultInput {
  id: string;
  /** Matching requests/notifications still to affect; null = until removed. */
  remaining: number | null;
}

const TERMINAL: ReadonlySet<FaultKind> = new Set<FaultKind>(['error', 'rate_limit', 'timeout']);
const NOTIFICATION: ReadonlySet<FaultKind> = new Set<FaultKind>([
  'drop_notifications',
  'duplicate_notifications',
  'reorder_notifications',
]);
const KINDS: ReadonlySet<string> = new Set<FaultKind>(['latency', ...TERMINAL, ...NOTIFICATION]);

export class FaultError extends Error {}

/** Validate untrusted control-API input; throws FaultError with a readable message. */
export function parseFaultInput(body: unknown): FaultInput {
  if (!body || typeof body !== 'object') throw new FaultError('body must be a JSON object');
  const b = body as Record<string, unknown>;
  if (typeof b.kind !== 'string' || !KINDS.has(b.kind)) throw new FaultError(`unknown fault kind: ${String(b.kind)}`);
  const num = (k: string): number | undefined => {
    if (b[k] === undefined || b[k] === null) return undefined;
    if (typeof b[k] !== 'number' || !Number.isFinite(b[k])) throw new FaultError(`${k} must be a number`);
    return b[k] as number;
  };
  const str = (k: string): string | undefined => {
    if (b[k] === undefined || b[k] === null) return undefined;
    if (typeof b[k] !== 'string') throw new FaultError(`${k} must be a string`);
    return b[k] as string;
  };
  const input: FaultInput = { kind: b.kind as FaultKind };
  const fields = {
    account: str('account')?.toLowerCase(),
    path: str('path'),
    reason: str('reason'),
    status: num('status'),
    retryAfter: num('retryAfter'),
    ms: num('ms'),
    count: num('count'),
    probability: num('probability'),
  };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (input as unknown as Record<string, unknown>)[k] = v;
  if (input.kind === 'latency' && input.ms === undefined) throw new FaultError('latency faults need ms');
  if (input.kind === 'error' && input.status === undefined) input.status = 500;
  return input;
}

export class FaultRegistry {
  private faults: Fault[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  add(input: FaultInput): Fault {
    const fault: Fault = { ...input, id: randomUUID(), remaining: input.count ?? null };
    this.faults.push(fault);
    return fault;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Faults to apply to one provider request, consuming counts: latency faults (all matching) and at most one terminating fault (error|rate_limit|timeout). */
  forRequest(req: { account: string | null; path: string }): { latencyMs: number; terminal: Fault | null } {
    let latencyMs = 0;
    let terminal: Fault | null = null;
    for (const f of this.faults) {
      if (f.kind === 'latency') {
        if (this.matches(f, req.account, req.path)) {
          latencyMs += f.ms ?? 0;
          this.consume(f);
        }
      } else if (!terminal && TERMINAL.has(f.kind) && this.matches(f, req.account, req.path)) {
        terminal = { ...f };
        this.consume(f);
      }
    }
    this.prune();
    return { latencyMs, terminal };
  }

  /** Notification fault for an account, consuming a count: 'drop_notifications' | 'duplicate_notifications' | 'reorder_notifications' | null. */
  forNotification(account: string): FaultKind | null {
    for (const f of this.faults) {
      if (NOTIFICATION.has(f.kind) && this.matches(f, account, null)) {
        this.consume(f);
        this.prune();
        return f.kind;
      }
    }
    return null;
  }

  private matches(f: Fault, account: string | null, path: string | null): boolean {
    if (f.remaining !== null && f.remaining <= 0) return false;
    if (f.account && f.account.toLowerCase() !== account?.toLowerCase()) return false;
    if (f.path && path !== null && !pathMatches(f.path, path)) return false;
    // Probability is drawn last so that non-matching requests do not consume randomness.
    return f.probability === undefined || this.random() < f.probability;
  }

  private consume(f: Fault): void {
    if (f.remaining !== null) f.remaining -= 1;
  }

  private prune(): void {
    this.faults = this.faults.filter((f) => f.remaining === null || f.remaining > 0);
  }
}

/** A fault's path is a substring, or failing that a regular expression source. */
function pathMatches(pattern: string, path: string): boolean {
  if (path.includes(pattern)) return true;
  try {
    return new RegExp(pattern).test(path);
  } catch {
    return false;
  }
}
