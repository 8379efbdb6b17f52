// `rollcall webhook-endpoint create|list|delete`: the same operations as /api/v2/webhook-endpoints/, from a shell.
import type { Command } from 'commander';
import type { Config } from '../config/load.js';
import { bootstrap } from '../bootstrap.js';
import { deleteEndpoint, listEndpoints } from '../db/webhook-endpoints.js';
import { findWorkspace } from '../db/workspaces.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { createEndpoint } from '../webhooks/endpoints.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function withWorkspace<T>(config: Config, log: Logger, workspaceId: string, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const { deps, db } = await bootstrap(config, log, { role: 'admin' });
  try {
    if (!UUID.test(workspaceId) || !(await findWorkspace(deps.pool, workspaceId))) throw new Error(`workspace ${workspaceId} not found`);
    return await fn(deps);
  } catch (err) {
    // Validation errors become a readable message, per field.
    if (err instanceof ApiError && err.options.errors) throw new Error(`invalid input: ${JSON.stringify(err.options.errors)}`);
    throw err;
  } finally {
    await db.close();
  }
}

const view = (r: { id: string; url: string; event_types: string[]; disabled: boolean; description: string }) => ({
  id: r.id,
  url: r.url,
  event_types: r.event_types,
  disabled: r.disabled,
  description: r.description,
});

export function registerWebhookEndpointCommands(program: Command, env: () => { config: Config; log: Logger }): void {
  const cmd = program.command('webhook-endpoint').description('manage a workspace\'s webhook endpoints (see docs/webhooks.md)');
  cmd
    .command('create <url>')
    .description('register an endpoint and print it with its signing secret, as JSON')
    .requiredOption('--workspace <id>', 'workspace id')
    .option('--event-types <list>', 'comma-separated event types (default: all)', '')
    .option('--description <text>', 'a note', '')
    .action(async (url: string, opts: { workspace: string; eventTypes: string; description: string }) => {
      const { config, log } = env();
      await withWorkspace(config, log, opts.workspace, async (deps) => {
        const eventTypes = opts.eventTypes.split(',').map((s) => s.trim()).filter(Boolean);
        const { row, secret } = await createEndpoint(deps, opts.workspace, { url, event_types: eventTypes, description: opts.description });
        console.log(JSON.stringify({ ...view(row), secret }));
      });
    });
  cmd
    .command('list')
    .description('print the workspace\'s endpoints, one JSON object per line')
    .requiredOption('--workspace <id>', 'workspace id')
    .action(async (opts: { workspace: string }) => {
      const { config, log } = env();
      await withWorkspace(config, log, opts.workspace, async (deps) => {
        let cursor: { d: 'n'; k: unknown[] } | null = null;
        for (;;) {
          const rows = await listEndpoints(deps.pool, opts.workspace, cursor, 100);
          for (const r of rows) console.log(JSON.stringify(view(r)));
          if (rows.length < 100) break;
          const last = rows[rows.length - 1];
          cursor = { d: 'n', k: [last.created_at.toISOString(), last.id] };
        }
      });
    });
  cmd
    .command('delete <id>')
    .description('delete an endpoint (its pending deliveries are dropped)')
    .requiredOption('--workspace <id>', 'workspace id')
    .action(async (id: string, opts: { workspace: string }) => {
      const { config, log } = env();
      await withWorkspace(config, log, opts.workspace, async (deps) => {
        if (!UUID.test(id) || !(await deleteEndpoint(deps.pool, opts.workspace, id))) throw new Error(`webhook endpoint ${id} not found`);
        console.log(JSON.stringify({ id, deleted: true }));
      });
    });
}
