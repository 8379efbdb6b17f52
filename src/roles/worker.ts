// The worker role: graphile-worker plus the in-process services that run beside it.
import type { Deps } from '../deps.js';
import { startWorker } from '../jobs/runner.js';
import { startDispatchService } from '../scheduling/dispatch/service.js';
import { startWebhookService } from '../webhooks/worker-service.js';

export interface Service {
  stop(): Promise<void>;
}

/** In-process services of the worker role, started after graphile-worker (e.g. the dispatch timer layer). */
export const workerServices: ((deps: Deps) => Promise<Service>)[] = [startWebhookService, startDispatchService];

export async function startWorkerRole(deps: Deps): Promise<Service> {
  const worker = await startWorker(deps);
  const services: Service[] = [];
  for (const start of workerServices) services.push(await start(deps));
  return {
    async stop() {
      for (const s of services.reverse()) await s.stop();
      await worker.stop();
    },
  };
}
