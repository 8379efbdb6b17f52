// The job that carries a delivery's next attempt: one per delivery (job key), due at its next_attempt_at.
import type { Queryable } from '../db/pool.js';
import { enqueue } from '../jobs/enqueue.js';
import { deliverWebhookTask } from '../jobs/tasks/deliver-webhook.js';

export function deliveryJobKey(deliveryId: string): string {
  return `webhook_delivery:${deliveryId}`;
}

/** Adds (or moves) the delivery's job to run at `runAt`; in the caller's transaction. */
export async function scheduleDeliveryJob(db: Queryable, delivery: { id: string; next_attempt_at: Date }): Promise<void> {
  await enqueue(db, deliverWebhookTask, { deliveryId: delivery.id }, { jobKey: deliveryJobKey(delivery.id), runAt: delivery.next_attempt_at, maxAttempts: 25 });
}

/** Drops the delivery's pending job (after success or final failure). A running job is left alone. */
export async function removeDeliveryJob(db: Queryable, deliveryId: string): Promise<void> {
  await db.query(`SELECT graphile_worker.remove_job($1)`, [deliveryJobKey(deliveryId)]);
}
