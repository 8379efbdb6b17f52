// Reads of the webhook administration API: endpoints, each endpoint's messages with their delivery state,
// a message's deliveries with every attempt, and replay. Kept in one file so the paths are in one place.
import { api, listAll } from './api.js';
import type { WebhookEndpoint } from './types.js';

export interface WebhookAttempt {
  attempt: number;
  status: string;
  started_at: string;
  duration_ms: number;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
}

/** A message as listed under one endpoint (its delivery to that endpoint). */
export interface EndpointMessage {
  message_id: string;
  event: string;
  payload: unknown;
  message_created_at: string;
  delivery_id: string;
  status: string;
  attempt_count: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
}

export interface MessageDetail {
  id: string;
  event: string;
  payload: unknown;
  created_at: string;
  deliveries: { id: string; endpoint_id: string | null; url: string; status: string; attempts: WebhookAttempt[] }[];
}

export const listEndpoints = () => listAll<WebhookEndpoint>('/api/v2/webhook-endpoints/');
export const listMessages = (endpointId: string) =>
  api<{ results: EndpointMessage[] }>(`/api/v2/webhook-endpoints/${endpointId}/messages/?page_size=25`).then((p) => p.results);
export const messageDetail = (messageId: string) => api<MessageDetail>(`/api/v2/webhook-messages/${messageId}/`);
export const replay = (messageId: string, endpointId: string) => api(`/api/v2/webhook-messages/${messageId}/replay/`, { method: 'POST', body: { endpoint_id: endpointId } });

export interface WebhookSummary {
  endpoints: number;
  messages: number;
  succeeded: number;
  pending: number;
  failing: number;
}

export async function loadWebhookSummary(): Promise<WebhookSummary> {
  const endpoints = await listEndpoints();
  const s: WebhookSummary = { endpoints: endpoints.length, messages: 0, succeeded: 0, pending: 0, failing: 0 };
  for (const ep of endpoints.slice(0, 5)) {
    const msgs = await listMessages(ep.id);
    s.messages += msgs.length;
    for (const m of msgs) {
      if (m.status === 'succeeded') s.succeeded++;
      else if (m.status === 'failed' || m.last_error) s.failing++;
      else s.pending++;
    }
  }
  return s;
}
