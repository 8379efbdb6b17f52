// Scope handling: Graph scopes may be written with or without the resource prefix; OIDC scopes are separate
// and `offline_access` is never echoed back (providers.md §3.2).
const GRAPH = 'https://graph.microsoft.com/';
const OIDC = new Set(['openid', 'email', 'profile', 'offline_access']);
export const DEFAULT_SCOPES = ['offline_access', 'openid', 'email', 'profile', 'User.Read', 'Calendars.Read'];

/** Canonical form: OIDC scopes lower-case, Graph scopes without the prefix; `.default` = the app's defaults. */
export function normaliseScopes(raw: string | string[] | undefined): string[] {
  const list = (Array.isArray(raw) ? raw : (raw ?? '').split(/[\s+]+/)).filter(Boolean);
  const out = new Set<string>();
  for (const s of list) {
    const lower = s.toLowerCase();
    if (OIDC.has(lower)) out.add(lower);
    else {
      const name = s.startsWith(GRAPH) ? s.slice(GRAPH.length) : s;
      if (name !== '.default') out.add(name);
      else for (const d of DEFAULT_SCOPES) if (!OIDC.has(d)) out.add(d);
    }
  }
  return [...out];
}

/** The `scope` string of a token response: Graph scopes prefixed, then OIDC ones, never offline_access. */
export function responseScope(scopes: string[]): string {
  const graph = scopes.filter((s) => !OIDC.has(s)).map((s) => GRAPH + s);
  const oidc = ['openid', 'profile', 'email'].filter((s) => scopes.includes(s));
  return [...graph, ...oidc].join(' ');
}

export function hasAnyScope(granted: string[], wanted: string[]): boolean {
  const g = new Set(granted.map((s) => s.toLowerCase()));
  return wanted.some((w) => g.has(w.toLowerCase()));
}

/** Scopes in `requested` that `granted` does not cover (case-insensitive). */
export function missingScopes(granted: string[], requested: string[]): string[] {
  const g = new Set(granted.map((s) => s.toLowerCase()));
  return requested.filter((s) => !g.has(s.toLowerCase()));
}

export const CALENDAR_SCOPES = ['Calendars.Read', 'Calendars.ReadWrite', 'Calendars.Read.Shared', 'Calendars.ReadWrite.Shared', 'Calendars.ReadBasic'];
export const USER_SCOPES = ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'];
