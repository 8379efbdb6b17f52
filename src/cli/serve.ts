// `rollcall serve|api|worker`: start the roles on one database; the returned handle stops them in reverse order.
import type { Config } from '../config/load.js';
import { bootstrap } from '../bootstrap.js';
import { startDemo } from '../demo/index.js';
import type { Logger } from '../observability/logger.js';
import { startApi } from '../roles/api.js';
import { startWorkerRole, type Service } from '../roles/worker.js';
import { ensureDefaultWorkspace } from '../workspaces/default-workspace.js';

export type Role = 'serve' | 'api' | 'worker';

export async function startRoles(given: Config, log: Logger, role: Role): Promise<Service> {
  // Sandbox mode (in-process emulators) changes the provider URLs, so it runs before Deps are built.
  const demo = await startDemo(given, log, role);
  const config = demo.config;
  const { deps, db } = await bootstrap(config, log, { role }).catch(async (err: unknown) => {
    await demo.stop();
    throw err;
  });
  const stops: (() => Promise<void>)[] = [() => db.close(), () => demo.stop()];
  try {
    if (db.embedded) {
      const first = await ensureDefaultWorkspace(deps);
      if (first) {
        process.stdout.write(
          `\n  rollcall created the workspace "default" and its first API key (shown once, also saved to ${first.keyFile}):\n\n` +
            `    ${first.key}\n\n  Try: curl -H "Authorization: Token ${first.key}" ${config.publicUrl}/api/v2/api-keys/\n\n`,
        );
      }
    }
    if (role === 'serve' || role === 'worker') {
      const worker = await startWorkerRole(deps);
      stops.unshift(() => worker.stop());
    }
    if (role === 'serve' || role === 'api') {
      const api = await startApi(deps);
      stops.unshift(() => api.close());
      log.info({ url: api.url, public_url: config.publicUrl, embedded: db.embedded }, `rollcall ${role} listening`);
      if (db.embedded) await demo.afterStart(deps, api.app);
    } else {
      log.info({ embedded: db.embedded }, 'rollcall worker running');
    }
  } catch (err) {
    for (const stop of stops) await stop().catch(() => undefined);
    throw err;
  }
  // Demo seeding drives the API in-process, so it stops before the API does; the emulators stop last.
  stops.unshift(() => demo.stopSeeding());
  return {
    async stop() {
      for (const stop of stops) await stop().catch((err) => log.error({ err }, 'error while stopping'));
    },
  };
}
