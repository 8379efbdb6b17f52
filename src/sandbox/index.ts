// Starts both emulators together (for `rollcall sandbox`, the demo mode and tests) and says which rollcall
// configuration points at them: only the provider base URLs change.
import path from 'node:path';
import type { Logger } from '../observability/logger.js';
import { startGoogleEmulator, type GoogleEmulator } from './google/server.js';
import { startMicrosoftEmulator, type MicrosoftEmulator } from './microsoft/server.js';

export interface SandboxOptions {
  googlePort?: number;
  microsoftPort?: number;
  /** 0 = random, null = no HTTPS listener for the Microsoft emulator. */
  microsoftHttpsPort?: number | null;
  host?: string;
  /** Persist state: `<stateFile>` is a prefix; each emulator writes `<prefix>.google.json` / `.microsoft.json`. */
  stateFile?: string;
  logger?: Logger;
  autoConsent?: boolean;
}

export interface Sandbox {
  google: GoogleEmulator;
  microsoft: MicrosoftEmulator;
  /** The environment lines that point rollcall at the emulators. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export function sandboxEnv(googleUrl: string, microsoftUrl: string): Record<string, string> {
  return {
    GOOGLE_OAUTH_AUTHORIZE_URL: `${googleUrl}/o/oauth2/v2/auth`,
    GOOGLE_OAUTH_TOKEN_URL: `${googleUrl}/token`,
    GOOGLE_USERINFO_URL: `${googleUrl}/oauth2/v3/userinfo`,
    GOOGLE_CALENDAR_API_URL: `${googleUrl}/calendar/v3`,
    MICROSOFT_LOGIN_URL: microsoftUrl,
    MICROSOFT_GRAPH_URL: `${microsoftUrl}/v1.0`,
  };
}

function stateFileFor(prefix: string | undefined, name: string): string | undefined {
  if (!prefix) return undefined;
  const parsed = path.parse(prefix);
  return path.join(parsed.dir, `${parsed.name}.${name}.json`);
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const google = await startGoogleEmulator({
    port: opts.googlePort ?? 0,
    host: opts.host,
    stateFile: stateFileFor(opts.stateFile, 'google'),
    logger: opts.logger,
    autoConsent: opts.autoConsent,
  });
  let microsoft: MicrosoftEmulator;
  try {
    microsoft = await startMicrosoftEmulator({
      port: opts.microsoftPort ?? 0,
      httpsPort: opts.microsoftHttpsPort === undefined ? 0 : opts.microsoftHttpsPort,
      host: opts.host,
      stateFile: stateFileFor(opts.stateFile, 'microsoft'),
      logger: opts.logger,
      autoConsent: opts.autoConsent,
    });
  } catch (err) {
    await google.close();
    throw err;
  }
  return {
    google,
    microsoft,
    env: sandboxEnv(google.url, microsoft.url),
    async close() {
      await Promise.all([google.close(), microsoft.close()]);
    },
  };
}
