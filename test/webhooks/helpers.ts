// Shared steps of the webhook delivery tests.
import { withTransaction } from '../../src/db/pool.js';
import type { Deps } from '../../src/deps.js';
import { emitWebhookMessage, type WebhookMessageInput } from '../../src/webhooks/emit.js';
import { createEndpoint, type EndpointInput } from '../../src/webhooks/endpoints.js';

export async function emit(deps: Deps, msg: WebhookMessageInput): Promise<string> {
  return withTransaction(deps.pool, (tx) => emitWebhookMessage(tx, msg));
}

export async function addEndpoint(deps: Deps, workspaceId: string, input: EndpointInput & { url: string }) {
  const { row, secret } = await createEndpoint(deps, workspaceId, input);
  return { id: row.id, secret };
}

export async function deliveryState(deps: Deps, messageId: string) {
  const { rows } = await deps.pool.query(
    `SELECT d.id, d.status, d.attempts, d.endpoint_id, d.url,
            (SELECT count(*)::int FROM webhook_attempts a WHERE a.delivery_id = d.id) AS recorded
       FROM webhook_deliveries d WHERE d.message_id = $1 ORDER BY d.created_at, d.id`,
    [messageId],
  );
  return rows as { id: string; status: string; attempts: number; endpoint_id: string | null; url: string; recorded: number }[];
}

export function headersOf(h: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

/** Gaps in seconds between consecutive arrival times. */
export function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => (t - times[i]) / 1000);
}
