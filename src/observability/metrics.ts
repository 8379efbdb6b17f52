// Prometheus metrics (prom-client), one registry per process (per Deps in tests so runs do not collide).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics(opts: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Histogram({
      name: 'rollcall_http_request_duration_seconds',
      help: 'HTTP request duration by route, method and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobs: new Histogram({
      name: 'rollcall_job_duration_seconds',
      help: 'graphile-worker job duration by task and outcome',
      labelNames: ['task', 'outcome'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
      registers: [registry],
    }),
    jobQueueDepth: new Gauge({
      name: 'rollcall_job_queue_depth',
      help: 'Jobs waiting to run (run_at in the past, not locked), by task',
      labelNames: ['task'] as const,
      registers: [registry],
    }),
    webhookAttempts: new Counter({
      name: 'rollcall_webhook_attempts_total',
      help: 'Outbound webhook attempts by outcome (success = 2xx)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    webhookAttemptDuration: new Histogram({
      name: 'rollcall_webhook_attempt_duration_seconds',
      help: 'Outbound webhook attempt latency by outcome',
      labelNames: ['outcome'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
      registers: [registry],
    }),
    webhookDeliveriesFinished: new Counter({
      name: 'rollcall_webhook_deliveries_total',
      help: 'Outbound webhook deliveries that reached a final state (succeeded, failed)',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    webhookQueueDepth: new Gauge({
      name: 'rollcall_webhook_pending_deliveries',
      help: 'Outbound webhook deliveries not yet succeeded or failed (refreshed by the worker)',
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'rollcall_rate_limited_total',
      help: 'Requests answered 429 by bucket',
      labelNames: ['bucket'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
