// Applies the route's `rateLimit` spec per workspace (or calendar user) after authentication.
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../errors.js';
import type { Deps } from '../../deps.js';
import { SlidingWindowLimiter } from '../rate-limiter.js';

export function registerRateLimit(app: FastifyInstance, deps: Deps): void {
  if (!deps.config.RATE_LIMIT_ENABLED) return;
  const limiter = new SlidingWindowLimiter();
  app.addHook('onRequest', async (req) => {
    const spec = req.routeOptions.config?.rateLimit;
    if (!spec || !req.auth || req.method === 'OPTIONS') return;
    const subject = spec.per === 'calendar_user' && req.auth.calendarUserId ? `user:${req.auth.calendarUserId}` : `ws:${req.auth.workspaceId}`;
    const wait = limiter.hit(`${spec.bucket}|${subject}`, spec.limit * deps.config.RATE_LIMIT_MULTIPLIER);
    if (wait > 0) {
      deps.metrics.rateLimited.labels(spec.bucket).inc();
      throw new ApiError('throttled', `Request was throttled. Expected available in ${wait} second${wait === 1 ? '' : 's'}.`, {
        headers: { 'Retry-After': String(wait) },
      });
    }
  });
}
