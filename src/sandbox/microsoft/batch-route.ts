// JSON batching (`POST /v1.0/$batch`, at most 20 requests): each sub-request is replayed through the app
// with the batch's credentials, so auth, faults and the request log apply to it as to a direct call.
import type { FastifyInstance } from 'fastify';
import { sendGraphError } from './errors.js';

interface BatchRequest {
  id?: unknown;
  method?: unknown;
  url?: unknown;
  headers?: Record<string, string>;
  body?: unknown;
}

export function registerBatchRoute(app: FastifyInstance): void {
  app.post('/v1.0/$batch', async (req, reply) => {
    const requests = (req.body as { requests?: BatchRequest[] } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return sendGraphError(reply, 400, 'BadRequest', 'Invalid batch payload format.');
    if (requests.length > 20) return sendGraphError(reply, 400, 'BadRequest', 'Unable to deserialize content. Batch requests are limited to 20 requests.');
    const responses = await Promise.all(
      requests.map(async (r) => {
        const url = String(r.url ?? '');
        const path = url.startsWith('/v1.0/') ? url : `/v1.0${url.startsWith('/') ? '' : '/'}${url}`;
        // Sub-requests carry their own headers (Prefer included); only the credentials come from the batch.
        const headers: Record<string, string> = { ...(r.headers ?? {}), authorization: req.headers.authorization ?? '' };
        if (r.body !== undefined) headers['content-type'] = 'application/json';
        const res = await app.inject({
          method: String(r.method ?? 'GET').toUpperCase() as 'GET',
          url: path,
          headers,
          ...(r.body !== undefined ? { payload: JSON.stringify(r.body) } : {}),
        });
        let body: unknown = res.body;
        try {
          body = res.body ? JSON.parse(res.body) : undefined;
        } catch {
          /* keep text */
        }
        const out: Record<string, string> = {};
        for (const h of ['content-type', 'retry-after', 'preference-applied']) if (res.headers[h] !== undefined) out[h] = String(res.headers[h]);
        return { id: String(r.id ?? ''), status: res.statusCode, headers: out, body };
      }),
    );
    return { responses };
  });
}
