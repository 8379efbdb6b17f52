// Cursor pagination `{next, previous, results}` (keyset, opaque URL-safe cursors) and the page-number style used
// by the bot list. Links are absolute and carry every query parameter of the request except the cursor.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/load.js';
import { notFound } from '../errors.js';
import { canonicalPath, publicBase } from './urls.js';

export const MAX_PAGE_SIZE = 100;

export interface Cursor {
  /** Direction: 'n' = rows after the position, 'p' = rows before it. */
  d: 'n' | 'p';
  /** Sort-key position (values of the ordering columns, last one is the id). */
  k: unknown[];
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursorString(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if ((c.d === 'n' || c.d === 'p') && Array.isArray(c.k) && c.k.length > 0 && c.k.length <= 4) return c;
  } catch {
    /* fall through */
  }
  throw notFound('Invalid cursor');
}

/** The cursor of the request: `cursor`, else the cursor inside a `next` URL passed back as a parameter. */
export function requestCursor(query: Record<string, unknown>): Cursor | null {
  if (typeof query.cursor === 'string' && query.cursor !== '') return decodeCursorString(query.cursor);
  if (typeof query.next === 'string' && query.next !== '') {
    try {
      const inner = new URL(query.next).searchParams.get('cursor');
      if (inner) return decodeCursorString(inner);
    } catch {
      throw notFound('Invalid cursor');
    }
  }
  return null;
}

/** Page size from `page_size` (1–100), default 100. */
export function pageSize(query: Record<string, unknown>): number {
  const n = Number(query.page_size ?? MAX_PAGE_SIZE);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
}

function linkWith(req: FastifyRequest, config: Config, set: Record<string, string>, drop: string[]): string {
  const params = new URLSearchParams(req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '');
  for (const k of drop) params.delete(k);
  for (const [k, v] of Object.entries(set)) params.set(k, v);
  const qs = params.toString();
  return `${publicBase(req, config)}${canonicalPath(req)}${qs ? `?${qs}` : ''}`;
}

export interface CursorPage<T> {
  next: string | null;
  previous: string | null;
  results: T[];
}

/**
 * Builds a cursor page from rows fetched with one extra row (limit + 1) in the cursor's direction.
 * `key` returns a row's sort-key position.
 */
export function cursorPage<R, T>(
  req: FastifyRequest,
  config: Config,
  rows: R[],
  opts: { limit: number; cursor: Cursor | null; key: (row: R) => unknown[]; render: (row: R) => T },
): CursorPage<T> {
  const backwards = opts.cursor?.d === 'p';
  const hasMore = rows.length > opts.limit;
  let page = rows.slice(0, opts.limit);
  if (backwards) page = page.reverse();
  const drop = ['cursor', 'next'];
  const first = page[0];
  const last = page.at(-1);
  const hasNext = backwards ? true : hasMore;
  const hasPrev = backwards ? hasMore : opts.cursor !== null;
  return {
    next: hasNext && last ? linkWith(req, config, { cursor: encodeCursor({ d: 'n', k: opts.key(last) }) }, drop) : null,
    previous: hasPrev && first ? linkWith(req, config, { cursor: encodeCursor({ d: 'p', k: opts.key(first) }) }, drop) : null,
    results: page.map(opts.render),
  };
}

/** Page-number pagination `{count, next, previous, results}`; a page past the end is a 404 `Invalid page.` */
export function numberedPage<T>(req: FastifyRequest, config: Config, page: number, perPage: number, count: number, results: T[]) {
  const lastPage = Math.max(1, Math.ceil(count / perPage));
  if (page > lastPage) throw notFound('Invalid page.');
  return {
    count,
    next: page < lastPage ? linkWith(req, config, { page: String(page + 1) }, ['page']) : null,
    previous: page > 1 ? linkWith(req, config, { page: String(page - 1) }, ['page']) : null,
    results,
  };
}
