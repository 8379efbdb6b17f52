// The dashboard talks to rollcall's public API with the signed-in API key, same origin only.
const KEY = 'rollcall.dashboard.key';
const KEY_ID = 'rollcall.dashboard.keyId';

export function apiKey(): string | null {
  return sessionStorage.getItem(KEY);
}

/** `keyId` is set when the key was minted by the one-time login link, so sign-out can revoke it. */
export function signIn(key: string, keyId?: string): void {
  sessionStorage.setItem(KEY, key);
  if (keyId) sessionStorage.setItem(KEY_ID, keyId);
  else sessionStorage.removeItem(KEY_ID);
}

export async function signOut(): Promise<void> {
  const id = sessionStorage.getItem(KEY_ID);
  if (id) await api(`/api/v2/api-keys/${id}/`, { method: 'DELETE' }).catch(() => undefined);
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(KEY_ID);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(describe(status, body));
  }
}

function describe(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if (typeof b.detail === 'string') return b.detail;
    if (typeof b.message === 'string') return b.errors ? `${b.message} ${JSON.stringify(b.errors)}` : b.message;
  }
  return `HTTP ${status}`;
}

/** `auth: false` sends no API key; `headers` adds others (the V1 calendar token). */
export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown; auth?: boolean; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  const key = apiKey();
  if (key && init.auth !== false) headers.Authorization = `Token ${key}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!res.ok) throw new HttpError(res.status, parsed);
  return parsed as T;
}

export interface Page<T> {
  next: string | null;
  results: T[];
}

/** Follows `next` links (kept on this origin) up to `maxPages`. */
export async function listAll<T>(path: string, maxPages = 20): Promise<T[]> {
  const out: T[] = [];
  let next: string | null = path;
  for (let i = 0; next && i < maxPages; i++) {
    const page: Page<T> | T[] = await api<Page<T> | T[]>(next);
    if (Array.isArray(page)) return page;
    out.push(...page.results);
    next = page.next ? sameOrigin(page.next) : null;
  }
  return out;
}

function sameOrigin(link: string): string {
  const u = new URL(link, location.href);
  return u.pathname + u.search;
}
