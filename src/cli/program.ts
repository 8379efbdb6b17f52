// The `rollcall` command line. Each action receives the validated configuration; long-running commands return a
// handle that main.ts stops on SIGTERM/SIGINT.
import { Command } from 'commander';
import type { Config } from '../config/load.js';
import type { Logger } from '../observability/logger.js';
import type { Service } from '../roles/worker.js';
import { runApiKeyCreate, runApiKeyRevoke, runMigrate, runWorkspaceCreate } from './admin.js';
import { runSandbox } from './sandbox.js';
import { startRoles } from './serve.js';

export type Running = Service | void;

export function buildProgram(env: () => { config: Config; log: Logger }, onRunning: (r: Running) => void): Command {
  const program = new Command('rollcall')
    .description('Calendar sync and meeting-bot scheduling, wire-compatible with Recall.ai Calendar V1/V2.\nConfiguration comes from the environment: see docs/configuration.md.')
    .showHelpAfterError();

  const roleCommand = (name: 'serve' | 'api' | 'worker', description: string) =>
    program
      .command(name)
      .description(description)
      .action(async () => {
        const { config, log } = env();
        onRunning(await startRoles(config, log, name));
      });
  roleCommand('serve', 'run the API and the workers in one process (the default of `npm start`); migrates first');
  roleCommand('api', 'run only the HTTP API (scale-out); migrates first');
  roleCommand('worker', 'run only the background workers (scale-out); migrates first');

  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(async () => {
      const { config, log } = env();
      await runMigrate(config, log);
    });

  const workspace = program.command('workspace').description('manage workspaces');
  workspace
    .command('create <name>')
    .description('create a workspace and print its id as JSON')
    .action(async (name: string) => {
      const { config, log } = env();
      await runWorkspaceCreate(config, log, name);
    });

  const apiKey = program.command('api-key').description('manage API keys');
  apiKey
    .command('create')
    .description('create an API key for a workspace and print it once, as JSON')
    .requiredOption('--workspace <id>', 'workspace id')
    .option('--description <text>', 'a note to tell keys apart', '')
    .action(async (opts: { workspace: string; description: string }) => {
      const { config, log } = env();
      await runApiKeyCreate(config, log, opts.workspace, opts.description);
    });
  apiKey
    .command('revoke <id>')
    .description('revoke an API key by its id')
    .action(async (id: string) => {
      const { config, log } = env();
      await runApiKeyRevoke(config, log, id);
    });

  program
    .command('sandbox')
    .description('run the Google and Microsoft emulators and print the environment lines that point rollcall at them')
    .option('--google-port <port>', 'Google emulator port', '4001')
    .option('--microsoft-port <port>', 'Microsoft emulator port (HTTP)', '4002')
    .option('--microsoft-https-port <port>', 'Microsoft emulator HTTPS port (self-signed certificate)', '4003')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--state <file>', 'persist the emulators\' state next to this file')
    .action(async (opts: { googlePort: string; microsoftPort: string; microsoftHttpsPort: string; host: string; state?: string }) => {
      const { log } = env();
      onRunning(
        await runSandbox(log, {
          googlePort: Number(opts.googlePort),
          microsoftPort: Number(opts.microsoftPort),
          microsoftHttpsPort: Number(opts.microsoftHttpsPort),
          host: opts.host,
          state: opts.state,
        }),
      );
    });

  return program;
}
