// Beside the worker's jobs: keeps the pending-deliveries gauge fresh and closes the webhook connection pool on stop.
import type { Deps } from '../deps.js';
import { pendingDeliveryCount } from '../db/webhook-deliveries.js';
import type { Service } from '../roles/worker.js';
import { closeSender } from './sender-registry.js';

const GAUGE_INTERVAL_MS = 15_000;

export async function startWebhookService(deps: Deps): Promise<Service> {
  const refresh = async () => {
    try {
      deps.metrics.webhookQueueDepth.set(await pendingDeliveryCount(deps.pool));
    } catch (err) {
      deps.log.debug({ err }, 'webhook queue depth not refreshed');
    }
  };
  await refresh();
  const timer = setInterval(() => void refresh(), GAUGE_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await closeSender(deps);
    },
  };
}
