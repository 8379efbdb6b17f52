// `rollcall sandbox`: both provider emulators as a standalone program, printing how to point rollcall at them.
import type { Logger } from '../observability/logger.js';
import type { Service } from '../roles/worker.js';
import { startSandbox } from '../sandbox/index.js';

export async function runSandbox(
  log: Logger,
  opts: { googlePort: number; microsoftPort: number; microsoftHttpsPort: number; host: string; state?: string },
): Promise<Service> {
  const sandbox = await startSandbox({
    googlePort: opts.googlePort,
    microsoftPort: opts.microsoftPort,
    microsoftHttpsPort: opts.microsoftHttpsPort,
    host: opts.host,
    stateFile: opts.state,
    logger: log,
  });
  const lines = Object.entries(sandbox.env).map(([k, v]) => `${k}=${v}`);
  console.log(
    [
      '',
      `  Google emulator:    ${sandbox.google.url}`,
      `  Microsoft emulator: ${sandbox.microsoft.url}${sandbox.microsoft.httpsUrl ? ` (HTTPS: ${sandbox.microsoft.httpsUrl})` : ''}`,
      `  Control API:        <emulator>/__sandbox/ (see docs/sandbox.md)`,
      '',
      '  Point rollcall at them with:',
      '',
      ...lines.map((l) => `    ${l}`),
      '',
      `  or: export ${lines.join(' ')}`,
      '',
    ].join('\n'),
  );
  return { stop: () => sandbox.close() };
}
