// Graph change and lifecycle notifications (providers.md §4.4): a JSON envelope `{value:[…]}` that may batch
// several subscriptions. Pure parsing; checking clientState against the stored secret is the receiver's job.
import { isObject, str } from '../http.js';
import type { NotificationMeaning } from '../provider.js';

export type GraphNotificationKind = 'change' | 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface GraphNotification {
  subscriptionId: string;
  clientState: string | null;
  kind: GraphNotificationKind;
  /** The changed event's id (resourceData.id) for change notifications. */
  resourceId: string | null;
}

const LIFECYCLE = new Set<GraphNotificationKind>(['reauthorizationRequired', 'subscriptionRemoved', 'missed']);

/** The well-formed notifications in a body; anything malformed is skipped, garbage gives []. */
export function parseGraphNotifications(body: unknown): GraphNotification[] {
  if (!isObject(body) || !Array.isArray(body.value)) return [];
  const out: GraphNotification[] = [];
  for (const item of body.value) {
    if (!isObject(item)) continue;
    const subscriptionId = str(item.subscriptionId);
    if (!subscriptionId) continue;
    const clientState = str(item.clientState) ?? null;
    const lifecycle = str(item.lifecycleEvent);
    if (lifecycle !== undefined) {
      if (!LIFECYCLE.has(lifecycle as GraphNotificationKind)) continue;
      out.push({ subscriptionId, clientState, kind: lifecycle as GraphNotificationKind, resourceId: null });
      continue;
    }
    if (!str(item.changeType)) continue;
    const data = isObject(item.resourceData) ? item.resourceData : undefined;
    out.push({ subscriptionId, clientState, kind: 'change', resourceId: str(data?.id) ?? null });
  }
  return out;
}

export function meaningOfGraphNotification(n: GraphNotification): NotificationMeaning {
  switch (n.kind) {
    case 'change':
      return { kind: 'sync', channelId: n.subscriptionId };
    case 'missed':
      return { kind: 'missed', channelId: n.subscriptionId };
    case 'reauthorizationRequired':
    case 'subscriptionRemoved':
      return { kind: 'resubscribe', channelId: n.subscriptionId };
  }
}
