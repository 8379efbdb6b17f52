// Absolute URLs for pagination links and redirects: PUBLIC_URL when configured, else the forwarded or direct
// scheme and host of the request.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/load.js';

export function publicBase(req: FastifyRequest, config: Config): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(',')[0].trim();
  const proto = (config.TRUST_PROXY && first(req.headers['x-forwarded-proto'])) || req.protocol;
  const host = (config.TRUST_PROXY && first(req.headers['x-forwarded-host'])) || req.headers.host || `localhost:${config.PORT}`;
  return `${proto}://${host}`;
}

/** The canonical, slash-terminated path of the request without its query string. */
export function canonicalPath(req: FastifyRequest): string {
  const path = req.url.split('?')[0];
  return path.endsWith('/') ? path : `${path}/`;
}
