// Keyset pagination in SQL: the WHERE and ORDER BY for a cursor position over ordered columns. A cursor going
// backwards ('p') reads in reverse order; cursorPage() restores the order. Cursor values are checked before
// they reach SQL so a forged cursor is a 404, not a database error.
import { notFound } from '../errors.js';
import type { Cursor } from '../http/pagination.js';

export interface KeysetColumn {
  expr: string;
  type: 'timestamptz' | 'uuid' | 'text' | 'bigint';
  desc?: boolean;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkValue(v: unknown, type: KeysetColumn['type']): unknown {
  if (v === null) return v;
  const ok =
    (type === 'uuid' && typeof v === 'string' && UUID_RE.test(v)) ||
    (type === 'timestamptz' && typeof v === 'string' && v.length < 40 && !Number.isNaN(Date.parse(v))) ||
    (type === 'text' && typeof v === 'string' && v.length <= 4000) ||
    (type === 'bigint' && typeof v === 'number' && Number.isSafeInteger(v));
  if (!ok) throw notFound('Invalid cursor');
  return v;
}

/**
 * @param firstParam index of the first $n placeholder to use
 * Returns a boolean SQL condition (TRUE without cursor), the ORDER BY list and the values to append.
 */
export function keyset(cursor: Cursor | null, columns: KeysetColumn[], firstParam: number): { where: string; orderBy: string; values: unknown[] } {
  const back = cursor?.d === 'p';
  const orderBy = columns.map((c) => `${c.expr} ${(c.desc ?? false) !== back ? 'DESC' : 'ASC'}`).join(', ');
  if (!cursor) return { where: 'TRUE', orderBy, values: [] };
  if (cursor.k.length !== columns.length) throw notFound('Invalid cursor');
  const values = cursor.k.map((v, i) => checkValue(v, columns[i].type));
  const param = (i: number) => `$${firstParam + i}::${columns[i].type}`;
  const ascending = (c: KeysetColumn) => (c.desc ?? false) === back;
  // Same direction throughout: a row comparison, which PostgreSQL turns into an index range condition, so a
  // deep page costs what the first does.
  if (columns.every((c) => ascending(c) === ascending(columns[0]))) {
    const op = ascending(columns[0]) ? '>' : '<';
    return { where: `(${columns.map((c) => c.expr).join(', ')}) ${op} (${columns.map((_, i) => param(i)).join(', ')})`, orderBy, values };
  }
  // Mixed directions: expand as a disjunction.
  const ors: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const parts: string[] = [];
    for (let j = 0; j < i; j++) parts.push(`${columns[j].expr} = ${param(j)}`);
    parts.push(`${columns[i].expr} ${ascending(columns[i]) ? '>' : '<'} ${param(i)}`);
    ors.push(`(${parts.join(' AND ')})`);
  }
  return { where: `(${ors.join(' OR ')})`, orderBy, values };
}
