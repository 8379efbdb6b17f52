// What every route module needs, wired once by server.ts and shared by the HTTP and HTTPS listeners.
import type { Logger } from 'pino';
import type { FaultRegistry } from '../shared/faults.js';
import type { RequestLog } from '../shared/request-log.js';
import type { Calendar } from './calendar.js';
import type { DeltaEngine } from './delta.js';
import type { Notifier } from './notifications.js';
import type { Store } from './store.js';
import type { Subscriptions } from './subscriptions.js';
import type { Identity } from './tokens.js';

export interface Settings {
  accessTokenTtlSeconds: number;
  refreshTokenInactivitySeconds: number;
  subscriptionMaxMinutes: number;
  autoConsent: boolean;
  validationTimeoutMs: number;
  notificationAckTimeoutMs: number;
  notificationRetryDelaysMs: number[];
}

export interface Ctx {
  settings: Settings;
  store: Store;
  identity: Identity;
  calendar: Calendar;
  delta: DeltaEngine;
  subscriptions: Subscriptions;
  notifier: Notifier;
  faults: FaultRegistry;
  requests: RequestLog;
  logger: Logger | null;
  /** Aborted when the emulator closes: releases requests held by `timeout` faults. */
  closing: AbortSignal;
}

/** Absolute origin of a request, so links point back at the listener (http or https) the client used. */
export function originOf(req: { protocol: string; host: string }): string {
  return `${req.protocol}://${req.host}`;
}
