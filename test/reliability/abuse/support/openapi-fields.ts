// Field and query-parameter names per route, read from the app's own OpenAPI document, so the fuzzer aims at the
// names each route really reads (plus the contract's common names for hidden routes).
import type { FastifyInstance } from 'fastify';

export const COMMON_KEYS = [
  'id', 'platform', 'status', 'cursor', 'next', 'page', 'page_size', 'ordering', 'email', 'calendar_id', 'updated_at__gte', 'start_time__gte', 'start_time__lte',
  'meeting_url', 'join_at', 'bot_name', 'metadata', 'bot_config', 'deduplication_key', 'user_id', 'external_id', 'preferences', 'override_should_record',
  'oauth_client_id', 'oauth_client_secret', 'oauth_refresh_token', 'oauth_email', 'webhook_url', 'url', 'event_types', 'disabled', 'since', 'endpoint_id',
  'code', 'state', 'error', 'error_description', 'validationToken', 'value', 'subscriptionId', 'clientState', 'bot_id', 'data', 'event', 'record_external', 'bot_preset',
  'success_url', 'error_url', 'login_hint', 'paginate', 'ical_uid', 'is_deleted', 'start_time_after', 'start_time_before', 'client_id', 'client_secret', 'type', 'http_url',
];

function propertyNames(schema: unknown, out: Set<string>, depth = 0): void {
  if (!schema || typeof schema !== 'object' || depth > 6) return;
  const s = schema as Record<string, unknown>;
  if (s.properties && typeof s.properties === 'object') {
    for (const [k, v] of Object.entries(s.properties)) {
      out.add(k);
      propertyNames(v, out, depth + 1);
    }
  }
  for (const k of ['items', 'anyOf', 'oneOf', 'allOf']) {
    const v = s[k];
    if (Array.isArray(v)) v.forEach((x) => propertyNames(x, out, depth + 1));
    else propertyNames(v, out, depth + 1);
  }
}

/** `METHOD /path/:param/` → names used in its query string and body. */
export async function routeFields(app: FastifyInstance): Promise<Map<string, string[]>> {
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`openapi.json: ${res.statusCode}`);
  const doc = res.json() as { paths: Record<string, Record<string, any>> };
  const out = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const [method, op] of Object.entries(ops)) {
      const names = new Set<string>();
      for (const p of op.parameters ?? []) if (p.in === 'query') names.add(p.name);
      for (const c of Object.values((op.requestBody?.content ?? {}) as Record<string, { schema?: unknown }>)) propertyNames(c.schema, names);
      out.set(`${method.toUpperCase()} ${url}`, [...names]);
    }
  }
  return out;
}
