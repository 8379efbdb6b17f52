// Push channels (Google watch channels, Graph subscriptions): created after a calendar's first successful sync,
// renewed well before expiry, re-created when lost, stopped on delete and disconnect. Failures never fail a
// sync pass: without a channel the calendar is polled instead.
import { updateCalendarIfVersion, type CalendarRow } from '../../db/calendars.js';
import type { Deps } from '../../deps.js';
import type { Logger } from '../../observability/logger.js';
import { ProviderError, type CalendarProvider, type PushChannel } from '../../providers/provider.js';
import { accessTokenFor } from '../access-token.js';
import { providerFor } from '../provider-for.js';

export const GOOGLE_NOTIFICATION_PATH = '/provider-notifications/google/';
export const MICROSOFT_NOTIFICATION_PATH = '/provider-notifications/microsoft/';
export const MICROSOFT_LIFECYCLE_PATH = '/provider-notifications/microsoft/lifecycle/';

export function channelOf(deps: Pick<Deps, 'secrets'>, row: CalendarRow): PushChannel | null {
  if (!row.push_channel_id || !row.push_secret_enc || !row.push_expires_at) return null;
  return { id: row.push_channel_id, resourceId: row.push_resource_id, expiresAt: row.push_expires_at, secret: deps.secrets.decrypt(row.push_secret_enc) };
}

function addresses(deps: Deps, row: CalendarRow): { address: string; lifecycleAddress?: string; requestedTtlSeconds: number } {
  const base = deps.config.publicUrl.replace(/\/+$/, '');
  if (row.platform === 'google_calendar') return { address: base + GOOGLE_NOTIFICATION_PATH, requestedTtlSeconds: deps.config.PUSH_GOOGLE_TTL_SECONDS };
  return { address: base + MICROSOFT_NOTIFICATION_PATH, lifecycleAddress: base + MICROSOFT_LIFECYCLE_PATH, requestedTtlSeconds: deps.config.PUSH_MICROSOFT_TTL_SECONDS };
}

/** When to renew: PUSH_RENEW_BEFORE_SECONDS before expiry, but never earlier than half the requested lifetime. */
export function renewAt(deps: Deps, row: CalendarRow, expiresAt: Date): Date {
  const ttl = row.platform === 'google_calendar' ? deps.config.PUSH_GOOGLE_TTL_SECONDS : deps.config.PUSH_MICROSOFT_TTL_SECONDS;
  const lead = Math.min(deps.config.PUSH_RENEW_BEFORE_SECONDS, ttl / 2) * 1000;
  return new Date(expiresAt.getTime() - lead);
}

/**
 * Makes sure the calendar has a live channel that is not due for renewal. Returns when the channel must be
 * renewed next, or null when the calendar has no channel (it is then polled).
 */
export async function ensurePushChannel(deps: Deps, row: CalendarRow, provider: CalendarProvider, token: string, log: Logger): Promise<Date | null> {
  if (!deps.config.PUSH_ENABLED) return null;
  const existing = channelOf(deps, row);
  if (existing && Date.now() < renewAt(deps, row, existing.expiresAt).getTime()) return renewAt(deps, row, existing.expiresAt);
  const opts = addresses(deps, row);
  let channel: PushChannel;
  try {
    if (existing) {
      try {
        channel = await provider.renewPushChannel(token, existing, opts);
      } catch (err) {
        if (!(err instanceof ProviderError && err.kind === 'not_found')) throw err;
        channel = await provider.createPushChannel(token, opts);
      }
    } else {
      channel = await provider.createPushChannel(token, opts);
    }
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err), kind: (err as ProviderError).kind }, 'push channel not created; polling instead');
    return null;
  }
  const saved = await updateCalendarIfVersion(deps.pool, row.id, row.credentials_version, {
    push_channel_id: channel.id,
    push_resource_id: channel.resourceId,
    push_secret_enc: deps.secrets.encrypt(channel.secret),
    push_expires_at: channel.expiresAt,
  });
  if (!saved) {
    // Deleted or re-credentialed while we were creating it: nobody will renew it, so stop it now.
    await provider.stopPushChannel(token, channel).catch(() => undefined);
    return null;
  }
  log.info({ channel_id: channel.id, expires_at: channel.expiresAt.toISOString(), renewed: existing !== null }, 'push channel ready');
  return renewAt(deps, row, channel.expiresAt);
}

/** Stops a channel at the provider, ignoring every failure (the channel expires on its own). */
export async function stopChannelQuietly(deps: Deps, row: CalendarRow, channel: PushChannel, log: Logger): Promise<void> {
  try {
    const provider = await providerFor(row.platform, deps.config);
    const token = await accessTokenFor(deps, row, provider);
    await provider.stopPushChannel(token.token, channel);
  } catch (err) {
    log.debug({ err: err instanceof Error ? err.message : String(err) }, 'push channel stop failed (it will expire)');
  }
}
