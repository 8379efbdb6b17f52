// Endpoint lifecycle: validation of what a client sends, creation with a fresh secret, rotation with overlap,
// replay and recovery of messages.
import type { Deps } from '../deps.js';
import { withTransaction, type Queryable } from '../db/pool.js';
import {
  deliveriesOfMessage,
  ensureEndpointDelivery,
  failedDeliveriesSince,
  resetDelivery,
  type WebhookDeliveryRow,
} from '../db/webhook-deliveries.js';
import { getEndpoint, insertEndpoint, rotateEndpointSecret, type WebhookEndpointRow } from '../db/webhook-endpoints.js';
import { getMessage } from '../db/webhook-messages.js';
import { notFound, validationError, type FieldErrors } from '../errors.js';
import { scheduleDeliveryJob } from './delivery-job.js';
import { isEventType } from './event-types.js';
import { isMessageId } from './message-id.js';
import { generateSigningSecret } from './signing.js';
import { checkEndpointUrl } from './urls.js';

export const MAX_DESCRIPTION_LENGTH = 500;

export interface EndpointInput {
  url?: string;
  description?: string;
  event_types?: string[];
  disabled?: boolean;
  bot_payload_format?: 'current' | 'legacy';
}

/** Checks what the schema cannot (URL scheme and shape, known event types); throws 400 with per-field errors. */
export function checkEndpointInput(input: EndpointInput): void {
  const errors: FieldErrors = {};
  if (input.url !== undefined) {
    const problem = checkEndpointUrl(input.url);
    if (problem) errors.url = [`Enter a valid URL: ${problem}.`];
  }
  if (input.event_types) {
    const bad: FieldErrors = {};
    input.event_types.forEach((t, i) => {
      if (!isEventType(t)) bad[String(i)] = [`"${t}" is not a valid choice.`];
    });
    if (Object.keys(bad).length) errors.event_types = bad;
  }
  if (input.description !== undefined && input.description.length > MAX_DESCRIPTION_LENGTH) {
    errors.description = [`Ensure this field has no more than ${MAX_DESCRIPTION_LENGTH} characters.`];
  }
  if (Object.keys(errors).length) throw validationError(errors);
}

export async function createEndpoint(deps: Deps, workspaceId: string, input: EndpointInput & { url: string }): Promise<{ row: WebhookEndpointRow; secret: string }> {
  checkEndpointInput(input);
  const secret = generateSigningSecret();
  const row = await insertEndpoint(deps.pool, {
    workspaceId,
    url: input.url,
    description: input.description ?? '',
    eventTypes: [...new Set(input.event_types ?? [])],
    botPayloadFormat: input.bot_payload_format ?? 'current',
    disabled: input.disabled ?? false,
    encryptedSecret: deps.secrets.encrypt(secret),
  });
  return { row, secret };
}

export async function rotateSecret(deps: Deps, workspaceId: string, id: string): Promise<WebhookEndpointRow> {
  const row = await rotateEndpointSecret(deps.pool, workspaceId, id, deps.secrets.encrypt(generateSigningSecret()), deps.config.WEBHOOK_SECRET_ROTATION_OVERLAP_SECONDS);
  if (!row) throw notFound();
  return row;
}

export async function requireEndpoint(db: Queryable, workspaceId: string, id: string): Promise<WebhookEndpointRow> {
  const row = await getEndpoint(db, workspaceId, id);
  if (!row) throw notFound();
  return row;
}

async function restart(tx: Queryable, deliveries: WebhookDeliveryRow[]): Promise<void> {
  for (const d of deliveries) await scheduleDeliveryJob(tx, await resetDelivery(tx, d.id));
}

/** Sends a message again (same webhook-id) to all its destinations, or to one endpoint. Returns the deliveries restarted. */
export async function replayMessage(deps: Deps, workspaceId: string, messageId: string, endpointId: string | null): Promise<number> {
  if (!isMessageId(messageId)) throw notFound();
  return withTransaction(deps.pool, async (tx) => {
    const message = await getMessage(tx, workspaceId, messageId);
    if (!message) throw notFound();
    let targets: WebhookDeliveryRow[];
    if (endpointId) {
      const endpoint = await getEndpoint(tx, workspaceId, endpointId);
      if (!endpoint) throw validationError({ endpoint_id: ['Unknown webhook endpoint.'] });
      targets = [await ensureEndpointDelivery(tx, message.id, workspaceId, endpoint.id, endpoint.url)];
    } else {
      targets = await deliveriesOfMessage(tx, message.id);
    }
    await restart(tx, targets);
    return targets.length;
  });
}

/** Restarts every failed delivery of an endpoint whose message was created at or after `since`. */
export async function recoverEndpoint(deps: Deps, workspaceId: string, endpointId: string, since: Date): Promise<number> {
  return withTransaction(deps.pool, async (tx) => {
    await requireEndpoint(tx, workspaceId, endpointId);
    const failed = await failedDeliveriesSince(tx, endpointId, since);
    await restart(tx, failed);
    return failed.length;
  });
}
