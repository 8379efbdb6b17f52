// PostgreSQL text and jsonb cannot hold NUL characters or unpaired UTF-16 surrogates: a request carrying one
// would fail deep in a query as a 500. Bodies and query strings are checked once, before validation, and such
// input is refused as a field error (Django REST Framework's wording).
import type { FieldErrors } from '../errors.js';

const NUL = 'Null characters are not allowed.';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problem(s: string): string | null {
  if (s.includes('\u0000')) return NUL;
  const m = LONE_SURROGATE.exec(s);
  return m ? `Surrogate characters are not allowed: U+${m[0].charCodeAt(0).toString(16).toUpperCase()}.` : null;
}

function walk(value: unknown, path: string[], out: FieldErrors, depth: number): void {
  if (typeof value === 'string') {
    const p = problem(value);
    if (p) set(out, path.length ? path : ['non_field_errors'], p);
    return;
  }
  if (!value || typeof value !== 'object' || depth > 64) return;
  for (const [k, v] of Object.entries(value)) {
    const p = problem(k);
    if (p) set(out, [...path, 'non_field_errors'], p);
    else walk(v, Array.isArray(value) ? path : [...path, k], out, depth + 1);
  }
}

function set(out: FieldErrors, path: string[], msg: string): void {
  let node = out;
  for (const seg of path.slice(0, -1)) {
    if (!node[seg] || Array.isArray(node[seg])) node[seg] = {};
    node = node[seg] as FieldErrors;
  }
  const leaf = path[path.length - 1];
  const list = Array.isArray(node[leaf]) ? (node[leaf] as string[]) : (node[leaf] = []);
  if (!list.includes(msg)) list.push(msg);
}

/** Field errors for every string (or key) the database could not store; null when there is none. */
export function unstorableTextErrors(...values: unknown[]): FieldErrors | null {
  const out: FieldErrors = {};
  for (const v of values) walk(v, [], out, 0);
  return Object.keys(out).length ? out : null;
}
