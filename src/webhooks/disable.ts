// The disable rule: a workspace endpoint whose attempts have all failed for WEBHOOK_DISABLE_AFTER_SECONDS is
// disabled, and a webhook_endpoint.disabled message is recorded (delivered to the workspace's other endpoints).
import type { Deps } from '../deps.js';
import type { Queryable } from '../db/pool.js';
import { disableFailingEndpoint, getEndpointById, type WebhookEndpointRow } from '../db/webhook-endpoints.js';
import { webhookDate } from '../http/format.js';
import type { Logger } from '../observability/logger.js';
import { emitWebhook } from './emit.js';

export async function maybeDisableEndpoint(deps: Deps, tx: Queryable, endpoint: WebhookEndpointRow, attemptAt: Date, log: Logger): Promise<void> {
  const fresh = await getEndpointById(tx, endpoint.id);
  if (!fresh?.failing_since || fresh.disabled) return;
  const threshold = new Date(attemptAt.getTime() - deps.config.WEBHOOK_DISABLE_AFTER_SECONDS * 1000);
  if (fresh.failing_since > threshold) return;
  const disabled = await disableFailingEndpoint(tx, endpoint.id, threshold, 'failing');
  if (!disabled) return;
  log.warn({ endpointId: endpoint.id, failingSince: fresh.failing_since }, 'webhook endpoint disabled after failing continuously');
  await emitWebhook(tx, {
    workspaceId: endpoint.workspace_id,
    event: 'webhook_endpoint.disabled',
    data: {
      endpoint_id: endpoint.id,
      url: endpoint.url,
      failing_since: webhookDate(fresh.failing_since),
      disabled_at: webhookDate(disabled.updated_at),
    },
  });
}
