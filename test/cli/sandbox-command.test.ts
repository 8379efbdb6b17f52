// `rollcall sandbox` as a newcomer runs it: the printed environment lines, given to rollcall's configuration,
// make both provider adapters work against the emulators.
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { freePort } from '../../src/db/embedded.js';
import { providerFor } from '../../src/providers/index.js';
import { runRollcall, waitForOutput, type RunningProcess } from '../helpers/process.js';

let sandbox: RunningProcess | null = null;
afterAll(() => sandbox?.child.kill('SIGKILL'));

describe('rollcall sandbox', () => {
  it('starts both emulators and prints environment lines that work', { timeout: 60_000 }, async () => {
    const [g, m, mh] = [await freePort(), await freePort(), await freePort()];
    sandbox = runRollcall(['sandbox', '--google-port', String(g), '--microsoft-port', String(m), '--microsoft-https-port', String(mh)], { LOG_LEVEL: 'warn' });
    const [, exportLine] = await waitForOutput(sandbox, /export (GOOGLE_.*MICROSOFT_GRAPH_URL=\S+)/);
    const env = Object.fromEntries(exportLine.split(' ').map((kv) => kv.split('=', 2) as [string, string]));
    expect(env.GOOGLE_CALENDAR_API_URL).toBe(`http://127.0.0.1:${g}/calendar/v3`);
    expect(env.MICROSOFT_GRAPH_URL).toBe(`http://127.0.0.1:${m}/v1.0`);
    const config = loadConfig(env);

    for (const [platform, origin] of [['google_calendar', `http://127.0.0.1:${g}`], ['microsoft_outlook', `http://127.0.0.1:${m}`]] as const) {
      const account = await (
        await fetch(`${origin}/__sandbox/accounts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `newcomer@${platform}.test`, client_id: 'demo-client', client_secret: 'demo-secret' }),
        })
      ).json();
      const provider = providerFor(platform, config);
      const token = await provider.refreshAccessToken({ clientId: 'demo-client', clientSecret: 'demo-secret', refreshToken: account.refresh_token });
      expect(await provider.accountEmail(token.token)).toBe(`newcomer@${platform}.test`);
    }
  });
});
