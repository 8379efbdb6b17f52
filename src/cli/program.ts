// The `rollcall` command line. Each action receives the validated configuration; long-running commands return a
// handle that main.ts stops on SIGTERM/SIGINT.
import { Command } from 'commander';
import type { Config } from '../config/load.js';
import type { Logger } from '../observability/logger.js';
import type { Service } from '../roles/worker.js';
import { runApiKeyCreate, runApiKeyRevoke, runMigrate, runWorkspaceCreate } from './admin.js';
import { runCalendarTokenRotate, runCalendarV1Settings, runOAuthClientSet } from './calendar-v1.js';
import { runSandbox } from './sandbox.js';
import { startRoles } from './serve.js';
import { registerWebhookEndpointCommands } from './webhook-endpoints.js';

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

  workspace
    .command('oauth-client')
    .description("set a workspace's Google or Microsoft OAuth client for the Calendar V1 connect flow (stored encrypted)")
    .requiredOption('--workspace <id>', 'workspace id')
    .requiredOption('--provider <provider>', 'google or microsoft')
    .requiredOption('--client-id <id>', 'OAuth client id')
    .requiredOption('--client-secret <secret>', 'OAuth client secret')
    .action(async (opts: { workspace: string; provider: string; clientId: string; clientSecret: string }) => {
      const { config, log } = env();
      await runOAuthClientSet(config, log, opts);
    });
  workspace
    .command('calendar-v1')
    .description("print a workspace's Calendar V1 settings, or change them with --set (bot_preset, deduplicate_bots, deduplicate_across_platforms, join_lead_seconds, redirect_allowlist, cors_origins)")
    .requiredOption('--workspace <id>', 'workspace id')
    .option('--set <json>', 'a JSON object of settings to change')
    .action(async (opts: { workspace: string; set?: string }) => {
      const { config, log } = env();
      await runCalendarV1Settings(config, log, opts);
    });
  workspace
    .command('rotate-calendar-token-secret')
    .description("replace a workspace's calendar-token signing secret (every V1 calendar token becomes invalid)")
    .requiredOption('--workspace <id>', 'workspace id')
    .action(async (opts: { workspace: string }) => {
      const { config, log } = env();
      await runCalendarTokenRotate(config, log, opts.workspace);
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

  registerWebhookEndpointCommands(program, env);

  return program;
}
