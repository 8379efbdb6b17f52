// What a failed pass does (providers.md §5): a dead grant disconnects; a 401 that survives a fresh token three
// passes running disconnects; 429 waits for Retry-After; 5xx, timeouts and network errors back off exponentially
// (1 s doubling to SYNC_MAX_BACKOFF_SECONDS, with jitter). The wait is stored on the calendar (backoff_until),
// so no pass, whatever triggers it, calls the provider before it ends. Status never changes on transient errors.
import { updateCalendarIfVersion, type CalendarRow } from '../../db/calendars.js';
import type { Deps } from '../../deps.js';
import type { Logger } from '../../observability/logger.js';
import { ProviderError } from '../../providers/provider.js';
import { disconnectCalendar } from '../disconnect.js';
import { scheduleNextSync } from './schedule.js';

const UNAUTHORIZED_PASSES_BEFORE_DISCONNECT = 3;

export function backoffMs(failures: number, maxSeconds: number): number {
  const base = Math.min(maxSeconds * 1000, 1000 * 2 ** Math.min(failures, 20));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export async function handleSyncFailure(deps: Deps, cal: CalendarRow, err: unknown, log: Logger): Promise<void> {
  if (!(err instanceof ProviderError)) throw err;
  const failures = cal.consecutive_failures + 1;
  if (err.kind === 'auth_revoked' || (err.kind === 'unauthorized' && failures >= UNAUTHORIZED_PASSES_BEFORE_DISCONNECT)) {
    await disconnectCalendar(deps, cal, { code: err.details.code ?? err.kind, message: err.message }, log);
    return;
  }
  let waitMs = backoffMs(failures - 1, deps.config.SYNC_MAX_BACKOFF_SECONDS);
  if (err.kind === 'rate_limited' && err.details.retryAfterMs !== undefined) waitMs = Math.max(err.details.retryAfterMs, 1000);
  if (err.kind === 'invalid_request' || err.kind === 'not_found') waitMs = Math.max(waitMs, deps.config.SYNC_POLL_SECONDS * 1000);
  const until = new Date(Date.now() + waitMs);
  log.warn({ kind: err.kind, status: err.details.status, code: err.details.code, retry_in_ms: waitMs, failures }, 'sync pass failed');
  const recorded = await updateCalendarIfVersion(deps.pool, cal.id, cal.credentials_version, {
    last_sync_error: `${err.details.code ?? err.kind}: ${err.message}`.slice(0, 1000),
    last_sync_error_at: new Date(),
    consecutive_failures: failures,
    backoff_until: until,
    ...(err.kind === 'unauthorized' ? { access_token_enc: null, access_token_expires_at: null } : {}),
  });
  if (recorded) await scheduleNextSync(deps.pool, cal.id, until);
}
