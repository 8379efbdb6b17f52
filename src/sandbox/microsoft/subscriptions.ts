// Graph change-notification subscriptions (providers.md §4.4): create with the validation handshake, renew,
// delete, reauthorize; change notifications for event changes and lifecycle notifications on demand.
import type { ChangeType } from './calendar.js';
import type { Settings } from './context.js';
import { etag } from './event-view.js';
import { renderId, uuid } from './ids.js';
import type { Notifier } from './notifications.js';
import type { Store } from './store.js';
import { isoZ7 } from './timezones.js';
import type { AccessTokenRec, EventRec, SubscriptionRec } from './types.js';

export type SubResult = { status: number; body?: Record<string, unknown>; error?: { code: string; message: string } };

const RESOURCE = /^\/?(me|users\/[^/]+)\/(events|calendar\/events|calendars\/[^/]+\/events)$/i;
const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);
export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

const bad = (message: string, code = 'InvalidRequest'): SubResult => ({ status: 400, error: { code, message } });
const notFound = (): SubResult => ({ status: 404, error: { code: 'ResourceNotFound', message: 'The object was not found.' } });

export class Subscriptions {
  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly settings: Settings,
  ) {}

  live(): SubscriptionRec[] {
    const now = Date.now();
    return [...this.store.subscriptions.values()].filter((s) => s.expiresAt > now);
  }

  view(s: SubscriptionRec, origin?: string): Record<string, unknown> {
    const acc = this.store.account(s.email);
    return {
      ...(origin ? { '@odata.context': `${origin}/v1.0/$metadata#subscriptions/$entity` } : {}),
      id: s.id,
      resource: s.resource,
      applicationId: s.clientId,
      changeType: s.changeType,
      clientState: s.clientState,
      notificationUrl: s.notificationUrl,
      notificationQueryOptions: null,
      lifecycleNotificationUrl: s.lifecycleNotificationUrl,
      expirationDateTime: isoZ7(s.expiresAt),
      creatorId: acc?.rec.id ?? null,
      includeResourceData: false,
      latestSupportedTlsVersion: 'v1_2',
      encryptionCertificate: null,
      encryptionCertificateId: null,
      notificationUrlAppId: null,
      notificationContentType: 'application/json',
    };
  }

  /** Clamp a requested expiry to the configured maximum; reject past or malformed values. */
  private expiry(value: unknown): number | SubResult {
    const ms = typeof value === 'string' ? Date.parse(value) : NaN;
    if (!Number.isFinite(ms)) return bad("Subscription 'expirationDateTime' is missing or invalid.");
    const now = Date.now();
    if (ms <= now) return bad('Subscription expiration can only be in the future.');
    return Math.min(ms, now + this.settings.subscriptionMaxMinutes * 60_000);
  }

  private owned(id: string, token: AccessTokenRec): SubscriptionRec | null {
    const s = this.store.subscriptions.get(id);
    if (!s || s.expiresAt <= Date.now() || s.email !== token.email || s.clientId !== token.clientId) return null;
    return s;
  }

  async create(token: AccessTokenRec, body: Record<string, unknown>, immutableIds: boolean, origin: string): Promise<SubResult> {
    const changeType = String(body.changeType ?? '');
    if (!changeType || !changeType.split(',').every((c) => CHANGE_TYPES.has(c.trim()))) return bad(`Invalid 'changeType' attribute: '${changeType}'.`);
    const resource = String(body.resource ?? '');
    if (!RESOURCE.test(resource)) return bad(`Resource '${resource}' is not supported by the emulator (Outlook event resources only).`, 'ExtensionError');
    const clientState = body.clientState === undefined || body.clientState === null ? null : String(body.clientState);
    if (clientState && clientState.length > 128) return bad('clientState must be at most 128 characters.');
    const expiresAt = this.expiry(body.expirationDateTime);
    if (typeof expiresAt !== 'number') return expiresAt;
    const urls: string[] = [];
    for (const k of ['notificationUrl', 'lifecycleNotificationUrl'] as const) {
      if (body[k] === undefined || body[k] === null) continue;
      try {
        const u = new URL(String(body[k]));
        if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
        urls.push(String(body[k]));
      } catch {
        return bad(`Invalid '${k}': '${String(body[k])}'.`);
      }
    }
    if (!body.notificationUrl) return bad("Subscription 'notificationUrl' is required.");
    // The handshake runs before the subscription exists, holding nothing a receiver could need.
    for (const url of urls) {
      const failure = await this.notifier.validate(url, null, token.email);
      if (failure) return bad(`Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request. (${failure})`, 'ValidationError');
    }
    const sub: SubscriptionRec = {
      id: uuid(),
      email: token.email,
      clientId: token.clientId,
      changeType,
      notificationUrl: String(body.notificationUrl),
      lifecycleNotificationUrl: body.lifecycleNotificationUrl ? String(body.lifecycleNotificationUrl) : null,
      resource,
      clientState,
      expiresAt,
      immutableIds,
      createdAt: Date.now(),
    };
    this.store.subscriptions.set(sub.id, sub);
    this.store.changed();
    return { status: 201, body: this.view(sub, origin) };
  }

  renew(id: string, token: AccessTokenRec, body: Record<string, unknown>, origin: string): SubResult {
    const sub = this.owned(id, token);
    if (!sub) return notFound();
    for (const k of Object.keys(body)) if (k !== 'expirationDateTime') return bad(`Only 'expirationDateTime' can be updated ('${k}' given).`);
    const expiresAt = this.expiry(body.expirationDateTime);
    if (typeof expiresAt !== 'number') return expiresAt;
    sub.expiresAt = expiresAt;
    this.store.changed();
    return { status: 200, body: this.view(sub, origin) };
  }

  get(id: string, token: AccessTokenRec, origin: string): SubResult {
    const sub = this.owned(id, token);
    return sub ? { status: 200, body: this.view(sub, origin) } : notFound();
  }

  remove(id: string, token: AccessTokenRec | null): SubResult {
    const sub = token ? this.owned(id, token) : this.store.subscriptions.get(id);
    if (!sub) return notFound();
    this.store.subscriptions.delete(id);
    this.store.changed();
    return { status: 204 };
  }

  reauthorize(id: string, token: AccessTokenRec): SubResult {
    return this.owned(id, token) ? { status: 204 } : notFound();
  }

  /** Calendar listener: one notification per live subscription of the account that wants this change type. */
  onEventChange(email: string, ev: EventRec, change: ChangeType): void {
    const acc = this.store.account(email);
    if (!acc) return;
    for (const sub of this.live()) {
      if (sub.email !== email || !sub.changeType.split(',').map((c) => c.trim()).includes(change)) continue;
      const id = renderId(ev.core, sub.immutableIds ? 'immutable' : 'rest');
      const resource = `Users/${acc.rec.id}/Events/${id}`;
      this.push(sub, 'change', {
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: new Date(sub.expiresAt).toISOString().replace('Z', '+00:00'),
        changeType: change,
        resource,
        resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': resource, '@odata.etag': etag(ev, null), id },
        clientState: sub.clientState,
        tenantId: acc.rec.tenantId,
      });
    }
  }

  lifecycle(id: string, event: LifecycleEvent): SubResult {
    const sub = this.store.subscriptions.get(id);
    if (!sub) return notFound();
    if (!sub.lifecycleNotificationUrl) return bad('The subscription has no lifecycleNotificationUrl.');
    const acc = this.store.account(sub.email);
    this.push(sub, 'lifecycle', {
      subscriptionId: sub.id,
      subscriptionExpirationDateTime: new Date(sub.expiresAt).toISOString().replace('Z', '+00:00'),
      tenantId: acc?.rec.tenantId ?? null,
      clientState: sub.clientState,
      lifecycleEvent: event,
    });
    if (event === 'subscriptionRemoved') {
      this.store.subscriptions.delete(id);
      this.store.changed();
    }
    return { status: 202, body: { queued: true } };
  }

  private push(sub: SubscriptionRec, kind: 'change' | 'lifecycle', item: Record<string, unknown>): void {
    const url = kind === 'change' ? sub.notificationUrl : sub.lifecycleNotificationUrl!;
    // Lifecycle notices must still reach the receiver once the subscription has been removed.
    const live = kind === 'lifecycle' ? () => true : () => (this.store.subscriptions.get(sub.id)?.expiresAt ?? 0) > Date.now();
    this.notifier.send({ kind, subscriptionId: sub.id, account: sub.email, url, body: { value: [item] }, live });
  }
}
