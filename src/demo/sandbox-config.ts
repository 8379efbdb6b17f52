// Sandbox mode: decide whether the in-process emulators run, start them, and derive the effective config that
// points rollcall's provider URLs and the dashboard's OAuth client at them. Config is frozen, so this runs in
// startup code before Deps exist and returns a new Config.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/load.js';
import { variables } from '../config/variables.js';
import { randomHex } from '../crypto/tokens.js';
import type { Logger } from '../observability/logger.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { CONTROL_PREFIX } from '../sandbox/shared/control-types.js';

/** The OAuth client the demo registers with both emulators (dashboard connect and seeded calendars). */
export const SANDBOX_CLIENT_ID = 'rollcall-demo';

const PROVIDER_URLS = ['GOOGLE_OAUTH_AUTHORIZE_URL', 'GOOGLE_OAUTH_TOKEN_URL', 'GOOGLE_USERINFO_URL', 'GOOGLE_CALENDAR_API_URL', 'MICROSOFT_LOGIN_URL', 'MICROSOFT_GRAPH_URL'] as const;

/** `auto`: on for the embedded database when nothing points at real providers. */
export function sandboxWanted(config: Config): boolean {
  if (config.ROLLCALL_SANDBOX !== 'auto') return config.ROLLCALL_SANDBOX === 'on';
  const urlsAtDefault = PROVIDER_URLS.every((k) => config[k] === variables[k].parse(undefined));
  const noClients = !config.DASHBOARD_GOOGLE_CLIENT_ID && !config.DASHBOARD_MICROSOFT_CLIENT_ID;
  return config.embedded && urlsAtDefault && noClients;
}

/** A copy of `config` with `env` applied (each value parsed by its variable, as loadConfig would). */
export function withOverrides(config: Config, env: Partial<Record<keyof typeof variables, string>>): Config {
  const out: Record<string, unknown> = { ...config };
  for (const [k, v] of Object.entries(env)) out[k] = variables[k as keyof typeof variables].parse(v);
  return Object.freeze(out) as Config;
}

export interface SandboxMode {
  config: Config;
  sandbox: Sandbox | null;
  clientSecret: string | null;
}

/** The demo client's secret, made once per data directory: calendars store it, so it must survive restarts. */
async function clientSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'sandbox-client-secret');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing?.trim()) return existing.trim();
  const secret = `sandbox-${randomHex(16)}`;
  await writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export async function startSandboxMode(config: Config, log: Logger): Promise<SandboxMode> {
  if (!sandboxWanted(config)) return { config: withOverrides(config, { ROLLCALL_SANDBOX: 'off' }), sandbox: null, clientSecret: null };
  const dataDir = path.resolve(config.ROLLCALL_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const secret = await clientSecret(dataDir);
  const sandbox = await startSandbox({
    googlePort: config.ROLLCALL_SANDBOX_GOOGLE_PORT,
    microsoftPort: config.ROLLCALL_SANDBOX_MICROSOFT_PORT,
    microsoftHttpsPort: null,
    host: '127.0.0.1',
    stateFile: path.join(dataDir, 'sandbox'),
    logger: log.child({ component: 'sandbox' }),
  });
  try {
    for (const origin of [sandbox.google.url, sandbox.microsoft.url]) {
      await control(origin, '/clients', { client_id: SANDBOX_CLIENT_ID, client_secret: secret });
    }
  } catch (err) {
    await sandbox.close();
    throw err;
  }
  const effective = withOverrides(config, {
    ...sandbox.env,
    ROLLCALL_SANDBOX: 'on',
    DASHBOARD_GOOGLE_CLIENT_ID: SANDBOX_CLIENT_ID,
    DASHBOARD_GOOGLE_CLIENT_SECRET: secret,
    DASHBOARD_MICROSOFT_CLIENT_ID: SANDBOX_CLIENT_ID,
    DASHBOARD_MICROSOFT_CLIENT_SECRET: secret,
  });
  log.info({ google: sandbox.google.url, microsoft: sandbox.microsoft.url }, 'sandbox mode: provider emulators running in-process');
  return { config: effective, sandbox, clientSecret: secret };
}

/** POST to an emulator's control API. */
export async function control<T = unknown>(origin: string, route: string, body: unknown): Promise<T> {
  const res = await fetch(`${origin}${CONTROL_PREFIX}${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`sandbox control ${route}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
