// One WebhookSender (and its connection pool) per process, per Deps so tests with several contexts stay apart.
import type { Deps } from '../deps.js';
import { WebhookSender } from './sender.js';

const senders = new WeakMap<Deps, WebhookSender>();

/** WEBHOOK_ALLOW_PRIVATE_URLS, defaulting to true only in embedded mode. */
export function allowPrivateUrls(config: Deps['config']): boolean {
  return config.WEBHOOK_ALLOW_PRIVATE_URLS ?? config.embedded;
}

export function senderFor(deps: Deps): WebhookSender {
  let s = senders.get(deps);
  if (!s) {
    s = new WebhookSender({ timeoutMs: deps.config.WEBHOOK_TIMEOUT_MS, allowPrivate: allowPrivateUrls(deps.config) });
    senders.set(deps, s);
  }
  return s;
}

export async function closeSender(deps: Deps): Promise<void> {
  const s = senders.get(deps);
  senders.delete(deps);
  await s?.close();
}
