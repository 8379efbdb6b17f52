// One attempt of one webhook delivery. The delivery row holds the retry clock; this job (keyed per delivery) is
// re-added with run_at for every next attempt, so the schedule is exact and independent of graphile's backoff.
import { defineTask } from '../define.js';
import { attemptDelivery } from '../../webhooks/deliver.js';

export interface DeliverWebhookPayload {
  deliveryId: string;
}

export const deliverWebhookTask = defineTask<DeliverWebhookPayload>('deliver_webhook', async (payload, { deps, log }) => {
  await attemptDelivery(deps, payload.deliveryId, log.child({ deliveryId: payload.deliveryId }));
});
