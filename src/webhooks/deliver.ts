// One attempt of one delivery, in three steps so a crash can never lose a message:
// 1. in a transaction, claim the delivery (count the attempt, set a lease) and re-add its job for the lease's end;
// 2. send the request (outside any transaction);
// 3. in a transaction, record the attempt and either finish the delivery or schedule the next attempt.
// A process killed between 2 and 3 leaves the lease job behind, which resends the same message (same webhook-id).
import type { Deps } from '../deps.js';
import { withTransaction } from '../db/pool.js';
import { insertAttempt } from '../db/webhook-attempts.js';
import { claimDelivery, markFailed, markSucceeded, scheduleRetry, type WebhookDeliveryRow } from '../db/webhook-deliveries.js';
import { getEndpointById, noteEndpointFailure, noteEndpointSuccess, type WebhookEndpointRow } from '../db/webhook-endpoints.js';
import { getMessageById } from '../db/webhook-messages.js';
import type { Logger } from '../observability/logger.js';
import { removeDeliveryJob, scheduleDeliveryJob } from './delivery-job.js';
import { maybeDisableEndpoint } from './disable.js';
import { bodyForEndpoint } from './payload-format.js';
import { nextDelayMs } from './retry.js';
import { endpointSecrets, workspaceSecrets } from './secrets.js';
import { senderFor } from './sender-registry.js';
import type { SendResult } from './sender.js';
import { webhookHeaders } from './signing.js';

/** Beyond the request timeout, how long a claimed attempt may go unrecorded before it is retried. */
const LEASE_MARGIN_MS = 5000;

interface Claimed {
  delivery: WebhookDeliveryRow;
  endpoint: WebhookEndpointRow | null;
  url: string;
  body: string;
  secrets: string[];
}

export async function attemptDelivery(deps: Deps, deliveryId: string, log: Logger): Promise<void> {
  const leaseMs = deps.config.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS;
  const claimed = await withTransaction(deps.pool, async (tx): Promise<Claimed | null> => {
    const delivery = await claimDelivery(tx, deliveryId, leaseMs);
    if (!delivery) return null; // done, or not due (a stale job): the delivery's own job covers it
    const message = await getMessageById(tx, delivery.message_id);
    const endpoint = delivery.endpoint_id ? await getEndpointById(tx, delivery.endpoint_id) : null;
    if (!message || (delivery.endpoint_id && !endpoint)) return null;
    if (endpoint?.disabled) {
      await markFailed(tx, delivery.id, 'endpoint disabled');
      await removeDeliveryJob(tx, delivery.id);
      deps.metrics.webhookDeliveriesFinished.labels('failed').inc();
      return null;
    }
    await scheduleDeliveryJob(tx, delivery); // the lease job: fires only if step 3 never happens
    const secrets = endpoint ? endpointSecrets(deps, endpoint) : await workspaceSecrets(deps, tx, delivery.workspace_id);
    const body = endpoint ? bodyForEndpoint(message.body, message.event, endpoint.bot_payload_format) : message.body;
    // An endpoint's current URL (it may have been edited since the message was fanned out).
    return { delivery, endpoint, url: endpoint ? endpoint.url : delivery.url, body, secrets };
  });
  if (!claimed) return;

  const { delivery, endpoint } = claimed;
  const startedAt = new Date();
  const timestamp = Math.floor(startedAt.getTime() / 1000);
  const headers = webhookHeaders(claimed.secrets, delivery.message_id, timestamp, claimed.body);
  const result = await senderFor(deps).send(claimed.url, headers, claimed.body);
  const outcome = result.ok ? 'success' : 'failure';
  deps.metrics.webhookAttempts.labels(outcome).inc();
  deps.metrics.webhookAttemptDuration.labels(outcome).observe(result.durationMs / 1000);
  const alog = log.child({ messageId: delivery.message_id, endpointId: delivery.endpoint_id, attempt: delivery.attempts });

  await withTransaction(deps.pool, async (tx) => {
    await insertAttempt(tx, {
      deliveryId: delivery.id,
      attempt: delivery.attempts,
      ok: result.ok,
      startedAt,
      durationMs: result.durationMs,
      responseStatus: result.status,
      responseBody: result.body,
      error: result.error,
    });
    if (result.ok) {
      await markSucceeded(tx, delivery.id);
      await removeDeliveryJob(tx, delivery.id);
      if (endpoint) await noteEndpointSuccess(tx, endpoint.id);
      deps.metrics.webhookDeliveriesFinished.labels('succeeded').inc();
      alog.debug({ status: result.status, ms: result.durationMs }, 'webhook delivered');
      return;
    }
    await recordFailure(deps, tx, delivery, result, startedAt, alog);
    if (endpoint) await maybeDisableEndpoint(deps, tx, endpoint, startedAt, alog);
  });
}

async function recordFailure(deps: Deps, tx: Parameters<typeof markFailed>[0], delivery: WebhookDeliveryRow, result: SendResult, startedAt: Date, log: Logger) {
  const error = result.error ?? 'failed';
  if (delivery.endpoint_id) await noteEndpointFailure(tx, delivery.endpoint_id, startedAt);
  const policy = {
    schedule: deps.config.WEBHOOK_RETRY_SCHEDULE,
    jitterPercent: deps.config.WEBHOOK_RETRY_JITTER_PERCENT,
    retryAfterMaxSeconds: deps.config.WEBHOOK_RETRY_AFTER_MAX_SECONDS,
  };
  const delay = nextDelayMs(policy, delivery.attempts, result.retryAfterSeconds);
  if (delay === null) {
    await markFailed(tx, delivery.id, error);
    await removeDeliveryJob(tx, delivery.id);
    deps.metrics.webhookDeliveriesFinished.labels('failed').inc();
    log.info({ error }, 'webhook delivery failed after its last attempt');
    return;
  }
  const nextAt = await scheduleRetry(tx, delivery.id, delay, error);
  await scheduleDeliveryJob(tx, { id: delivery.id, next_attempt_at: nextAt });
  log.info({ error, status: result.status, retryInMs: delay }, 'webhook attempt failed; retry scheduled');
}
