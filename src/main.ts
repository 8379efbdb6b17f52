// The only entry point: reads the environment once, runs the command, and owns signal handling.
import { buildProgram, type Running } from './cli/program.js';
import { ConfigError, loadConfig, type Config } from './config/load.js';
import { createLogger, type Logger } from './observability/logger.js';

let ctx: { config: Config; log: Logger } | null = null;
function env(): { config: Config; log: Logger } {
  if (!ctx) {
    const config = loadConfig(process.env);
    ctx = { config, log: createLogger({ level: config.LOG_LEVEL, name: 'rollcall' }) };
  }
  return ctx;
}

let running: Running = undefined;
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const { config, log } = env();
  log.info({ signal }, 'shutting down: no new work, finishing what runs');
  const timer = setTimeout(() => {
    log.error({ timeout_ms: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
    process.exit(1);
  }, config.SHUTDOWN_TIMEOUT_MS + 5000);
  timer.unref();
  try {
    if (running) await running.stop();
    log.info('stopped');
    process.exit(0);
  } catch (err) {
    log.error({ err }, 'error during shutdown');
    process.exit(1);
  }
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

buildProgram(env, (r) => {
  running = r;
})
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
    } else {
      process.stderr.write(`rollcall: ${(err as Error).message}\n`);
      if (ctx) ctx.log.debug({ err }, 'command failed');
    }
    process.exit(1);
  });
