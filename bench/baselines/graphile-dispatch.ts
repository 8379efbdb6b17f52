// Baseline for the dispatch-burst scenario: plain graphile-worker with its default settings (concurrency 1,
// 2 s poll interval; LISTEN/NOTIFY on new jobs), running one job per bot at its run_at; each job POSTs the launch
// to the receiver like rollcall's `http` runtime. Run as its own process: `node --import tsx bench/baselines/graphile-dispatch.ts`
// with DATABASE_URL and LAUNCH_URL; prints "baseline worker ready".
import { run } from 'graphile-worker';

const runner = await run({
  connectionString: process.env.DATABASE_URL!,
  noHandleSignals: true,
  taskList: {
    bench_launch: async (payload) => {
      const { bot_id } = payload as { bot_id: string };
      const res = await fetch(process.env.LAUNCH_URL!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': bot_id },
        body: JSON.stringify({ type: 'launch', bot_id, idempotency_key: bot_id }),
      });
      await res.text();
      if (!res.ok) throw new Error(`launch answered ${res.status}`);
    },
  },
});
process.stdout.write('baseline worker ready\n');
const stop = () => void runner.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
