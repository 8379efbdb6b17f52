// The one reader of process.env. Produces a validated, frozen Config or a ConfigError naming every bad variable.
import { variables, type Variables } from './variables.js';

export type Config = { readonly [K in keyof Variables]: ReturnType<Variables[K]['parse']> } & {
  /** Derived: true when no DATABASE_URL is set and rollcall runs its own PostgreSQL. */
  readonly embedded: boolean;
  /** Derived: PUBLIC_URL or http://localhost:PORT. */
  readonly publicUrl: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: { name: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.name}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: { name: string; message: string }[] = [];
  for (const [name, variable] of Object.entries(variables)) {
    try {
      out[name] = variable.parse(env[name]);
    } catch (err) {
      problems.push({ name, message: (err as Error).message });
    }
  }
  if (problems.length === 0 && out.DATABASE_URL && !out.ROLLCALL_ENCRYPTION_KEY) {
    problems.push({ name: 'ROLLCALL_ENCRYPTION_KEY', message: 'is required when DATABASE_URL is set (generate one with `openssl rand -base64 32`)' });
  }
  if (problems.length) throw new ConfigError(problems);
  out.embedded = !out.DATABASE_URL;
  out.publicUrl = (out.PUBLIC_URL as string | null) ?? `http://localhost:${out.PORT as number}`;
  return Object.freeze(out) as Config;
}
