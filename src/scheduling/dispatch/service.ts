// The dispatch engine as an in-process service of the worker role (src/roles/worker.ts `workerServices`).
import type { Deps } from '../../deps.js';
import { RuntimeRegistry } from '../../runtimes/registry.js';
import type { Service } from '../../roles/worker.js';
import { recordBotStatus } from '../bot-status.js';
import { DispatchEngine } from './engine.js';

export function createRuntimeRegistry(deps: Deps): RuntimeRegistry {
  return new RuntimeRegistry(deps, async (botId, change) => {
    await recordBotStatus(deps.pool, botId, change);
  });
}

export async function startDispatchService(deps: Deps): Promise<Service & { engine: DispatchEngine }> {
  const runtimes = createRuntimeRegistry(deps);
  const engine = new DispatchEngine(deps, runtimes);
  await engine.start();
  return {
    engine,
    async stop() {
      await engine.stop();
      await runtimes.close();
    },
  };
}
