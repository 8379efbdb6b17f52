// One sync pass over one calendar: token, account email, an incremental listing (or a full one when there is no
// sync state, the state expired, the daily reconciliation is due or the window's future edge advanced), the
// write, the push channel, and the next scheduled pass. Provider failures are classified in failures.ts.
import { getCalendarById, type CalendarRow } from '../../db/calendars.js';
import type { Deps } from '../../deps.js';
import type { Logger } from '../../observability/logger.js';
import { ProviderError, type CalendarProvider } from '../../providers/provider.js';
import { accessTokenFor } from '../access-token.js';
import { providerFor } from '../provider-for.js';
import { syncWindow, type SyncWindow } from '../window.js';
import { applyListing, type Listing } from './apply.js';
import { handleSyncFailure } from './failures.js';
import { ensurePushChannel } from './push.js';
import { scheduleNextSync } from './schedule.js';

export interface PassOutcome {
  kind: 'synced' | 'skipped' | 'deferred' | 'failed';
  full?: boolean;
  changed?: number;
  requests?: number;
}

/**
 * Page size asked of the provider: the largest either allows (each clamps it: Google 2,500, Graph 1,000). Pages
 * are fetched one after another, so a 10,000-event calendar costs 4 round trips instead of 40 at the default 250.
 */
const LISTING_PAGE_SIZE = 2500;

/** Collects every page of one listing. */
async function listAll(provider: CalendarProvider, token: string, window: SyncWindow, syncState: string | null): Promise<Omit<Listing, 'full' | 'window'>> {
  const events = [];
  let pageCursor: string | null = null;
  let requests = 0;
  for (;;) {
    const page = await provider.listEvents(token, { window, syncState, pageCursor, pageSize: LISTING_PAGE_SIZE });
    events.push(...page.events);
    requests += page.requests;
    if (page.syncState || !page.nextPageCursor) return { events, syncState: page.syncState, requests };
    pageCursor = page.nextPageCursor;
  }
}

function needsFullListing(deps: Deps, cal: CalendarRow, window: SyncWindow): boolean {
  if (!cal.sync_state || cal.status === 'connecting' || !cal.last_full_sync_at || !cal.sync_window_end) return true;
  if (Date.now() - cal.last_full_sync_at.getTime() >= deps.config.SYNC_FULL_SECONDS * 1000) return true;
  // Events that time brings into the window never change at the provider, so no incremental listing reports them.
  return window.end.getTime() - cal.sync_window_end.getTime() >= deps.config.SYNC_WINDOW_ROLL_SECONDS * 1000;
}

async function listChanges(deps: Deps, cal: CalendarRow, provider: CalendarProvider, token: string, log: Logger): Promise<Listing> {
  const window = syncWindow(deps.config);
  if (!needsFullListing(deps, cal, window)) {
    try {
      return { ...(await listAll(provider, token, window, cal.sync_state)), full: false, window };
    } catch (err) {
      if (!(err instanceof ProviderError && err.kind === 'sync_state_expired')) throw err;
      log.info('sync state expired; full resync');
    }
  }
  return { ...(await listAll(provider, token, window, null)), full: true, window };
}

export async function runSyncPass(deps: Deps, calendarId: string, log: Logger): Promise<PassOutcome> {
  const cal = await getCalendarById(deps.pool, calendarId);
  if (!cal || cal.deleted_at || cal.status === 'disconnected') return { kind: 'skipped' };
  // The provider asked us to wait (Retry-After / backoff): no request before then, whatever woke us.
  if (cal.backoff_until && cal.backoff_until.getTime() > Date.now()) {
    await scheduleNextSync(deps.pool, cal.id, cal.backoff_until);
    return { kind: 'deferred' };
  }
  const provider = await providerFor(cal.platform, deps.config);
  try {
    let token = await accessTokenFor(deps, cal, provider);
    let listing: Listing;
    let email: string;
    try {
      email = cal.platform_email && cal.status === 'connected' ? cal.platform_email : await provider.accountEmail(token.token);
      listing = await listChanges(deps, cal, provider, token.token, log);
    } catch (err) {
      // A 401 right after using a cached token: refresh once and retry (providers.md §5).
      if (!(err instanceof ProviderError && err.kind === 'unauthorized')) throw err;
      token = await accessTokenFor(deps, cal, provider, { forceRefresh: true });
      email = cal.platform_email && cal.status === 'connected' ? cal.platform_email : await provider.accountEmail(token.token);
      listing = await listChanges(deps, cal, provider, token.token, log);
    }
    const result = await applyListing(deps, cal, listing, email);
    if (!result.applied) return { kind: 'skipped' };
    log.debug({ full: listing.full, changed: result.changed, requests: listing.requests, events: listing.events.length }, 'sync pass done');
    const renewal = await ensurePushChannel(deps, cal, provider, token.token, log);
    const interval = (renewal ? deps.config.SYNC_SAFETY_NET_SECONDS : deps.config.SYNC_POLL_SECONDS) * 1000;
    let next = Date.now() + interval;
    if (renewal) next = Math.min(next, Math.max(renewal.getTime(), Date.now() + 1000));
    await scheduleNextSync(deps.pool, cal.id, new Date(next));
    return { kind: 'synced', full: listing.full, changed: result.changed, requests: listing.requests };
  } catch (err) {
    await handleSyncFailure(deps, cal, err, log);
    return { kind: 'failed' };
  }
}
