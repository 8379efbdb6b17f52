// Startup hooks of the one-command demo, called by `rollcall serve|api|worker` (src/cli/serve.ts):
// before Deps exist, sandbox mode may replace the config; once the API listens, the dashboard sign-in link is
// printed and the demo workspace is seeded in the background.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/load.js';
import type { Deps } from '../deps.js';
import { findWorkspaceByName } from '../db/workspaces.js';
import { createLoginLink } from '../dashboard/login.js';
import type { Logger } from '../observability/logger.js';
import { startSandboxMode, withOverrides } from './sandbox-config.js';
import { seedDemo } from './seed.js';

export interface Demo {
  /** The effective configuration (provider URLs on the emulators in sandbox mode). */
  config: Config;
  /** Call once the API listens (embedded serve/api roles): prints the dashboard link and seeds the demo. */
  afterStart(deps: Deps, app: FastifyInstance): Promise<void>;
  /** Interrupts demo seeding (it drives the API, so it must stop before the API closes). */
  stopSeeding(): Promise<void>;
  /** Stops seeding and the in-process emulators. */
  stop(): Promise<void>;
}

/** Sandbox mode needs every role in one process (`serve`): split roles would each run their own emulators. */
export async function startDemo(config: Config, log: Logger, role: 'serve' | 'api' | 'worker' = 'serve'): Promise<Demo> {
  const mode = await startSandboxMode(role === 'serve' ? config : withOverrides(config, { ROLLCALL_SANDBOX: 'off' }), log);
  let seeding: Promise<void> | null = null;
  const abort = new AbortController();
  return {
    config: mode.config,
    async afterStart(deps, app) {
      const ws = await findWorkspaceByName(deps.pool, 'default');
      if (!ws) return;
      const link = await createLoginLink(deps, ws.id);
      process.stdout.write(
        `\n  rollcall dashboard: ${deps.config.publicUrl}/\n  one-time sign-in link (this workspace, single use): ${link}\n` +
          (mode.sandbox
            ? `  demo mode: Google and Microsoft emulators run in-process; ${(ws.settings.demo as { seeded_at?: string } | undefined)?.seeded_at ? 'the demo workspace is ready' : 'the demo workspace is being prepared'}.\n\n`
            : '\n'),
      );
      if (mode.sandbox && mode.clientSecret) {
        seeding = seedDemo(deps, app, mode.sandbox, mode.clientSecret, ws.id, abort.signal).catch((err: unknown) => {
          if (abort.signal.aborted) log.info('demo seeding interrupted by shutdown; it resumes at the next start');
          else log.error({ err }, 'demo seeding failed');
        });
      }
    },
    async stopSeeding() {
      abort.abort();
      await seeding?.catch(() => undefined);
    },
    async stop() {
      abort.abort();
      await seeding?.catch(() => undefined);
      await mode.sandbox?.close();
    },
  };
}
