// Load generators on undici: a constant arrival rate (latency measured from each request's scheduled send time,
// so a slow server cannot hide queueing: no coordinated omission) and a closed loop for peak throughput.
import { Pool } from 'undici';
import { percentile, round } from '../scenario.js';

export interface LoadFigures {
  requests: number;
  errors: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  rps: number;
}

function figures(latencies: number[], errors: number, seconds: number): LoadFigures {
  return {
    requests: latencies.length,
    errors,
    p50_ms: round(percentile(latencies, 50), 2),
    p99_ms: round(percentile(latencies, 99), 2),
    max_ms: round(latencies.reduce((m, x) => Math.max(m, x), 0), 1),
    rps: Math.round(latencies.length / seconds),
  };
}

async function one(pool: Pool, path: () => string, headers: Record<string, string>): Promise<boolean> {
  const res = await pool.request({ method: 'GET', path: path(), headers });
  await res.body.dump({ limit: Infinity }).catch(() => res.body.text());
  return res.statusCode === 200;
}

/**
 * `rate` requests per second for `seconds`, each sent at its scheduled instant whatever the previous ones do
 * (queued client-side when all `connections` are busy, which counts toward its latency). Requests not answered
 * within `graceMs` after the last was due are abandoned and count as errors with infinite latency, so an
 * overloaded server costs bounded time.
 */
export async function constantRate(origin: string, path: () => string, headers: Record<string, string>, rate: number, seconds: number, graceMs = 5000): Promise<LoadFigures> {
  const pool = new Pool(origin, { connections: 64, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      one(pool, path, headers).then(
        (ok) => {
          if (!ok) errors++;
          latencies.push(performance.now() - due);
        },
        () => undefined,
      ),
    );
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(inflight), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
  clearTimeout(timer);
  await pool.destroy().catch(() => undefined);
  const abandoned = total - latencies.length;
  errors += abandoned;
  const all = latencies.concat(Array.from({ length: abandoned }, () => Infinity));
  const answered = latencies.length;
  const f = figures(all, errors, seconds);
  return { ...f, rps: Math.round(answered / seconds) };
}

/** `concurrency` clients sending back to back for `seconds`: the server's peak throughput. */
export async function closedLoop(origin: string, path: () => string, headers: Record<string, string>, concurrency: number, seconds: number): Promise<LoadFigures> {
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const ok = await one(pool, path, headers).catch(() => false);
        if (!ok) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  await pool.close();
  return figures(latencies, errors, elapsed);
}
