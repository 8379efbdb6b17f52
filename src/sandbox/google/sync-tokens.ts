// Opaque page and sync tokens. A sync token encodes the account, the sync epoch and the change sequence number
// the listing reflects; a page token additionally encodes the cursor and a hash of the query it belongs to.
import { createHash } from 'node:crypto';

export interface SyncPosition {
  /** Hash of the account email, so a token from another calendar is refused. */
  a: string;
  e: number;
  s: number;
}

export interface PageCursor {
  a: string;
  e: number;
  /** full: walk `order`; inc: walk the change log; sorted: offset into a sorted materialisation. */
  k: 'full' | 'inc' | 'sorted';
  /** Snapshot seq the listing started at; becomes the nextSyncToken. */
  s: number;
  /** inc: the sync token's seq (changes after it are reported). */
  f?: number;
  /** full: index in `order`; inc: log seq to resume at; sorted: offset. */
  p: number;
  /** Instance offset within the series at the cursor. */
  i: number;
  /** Query hash. */
  q: string;
}

const hash = (s: string): string => createHash('sha256').update(s).digest('base64url').slice(0, 10);

export const accountKey = (email: string): string => hash(email.toLowerCase());

export function encodeSyncToken(p: SyncPosition): string {
  return 'C' + Buffer.from(JSON.stringify(p)).toString('base64url');
}

export function decodeSyncToken(token: string): SyncPosition | null {
  const v = decode(token);
  return v && typeof v.a === 'string' && typeof v.e === 'number' && typeof v.s === 'number' ? (v as unknown as SyncPosition) : null;
}

export function encodePageToken(c: PageCursor): string {
  return 'P' + Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodePageToken(token: string): PageCursor | null {
  const v = decode(token);
  return v && typeof v.k === 'string' && typeof v.p === 'number' && typeof v.s === 'number' ? (v as unknown as PageCursor) : null;
}

/** Hash of the query parameters that must stay the same across the pages of one listing. */
export function queryHash(query: Record<string, string | string[] | undefined>): string {
  const keys = Object.keys(query)
    .filter((k) => k !== 'pageToken' && k !== 'maxResults' && k !== 'alt' && k !== 'prettyPrint' && query[k] !== undefined)
    .sort();
  return hash(keys.map((k) => `${k}=${String(query[k])}`).join('&'));
}

function decode(token: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(token.slice(1), 'base64url').toString('utf8'));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
