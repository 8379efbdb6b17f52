// A checksum of every row of every table (rollcall's and graphile-worker's), to prove that a rejected request
// changed nothing. api_keys.last_used_at is touched by authentication on purpose (at most once a minute).
import type { Pool } from 'pg';

export type Snapshot = Map<string, string>;

let statement: string | null = null;

async function buildStatement(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ s: string; t: string }>(
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_schema IN ('public', 'graphile_worker') AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
  );
  return rows
    .map(({ s, t }) => {
      const name = `"${s}"."${t}"`;
      return `SELECT '${s}.${t}' AS name, count(*) || ':' || coalesce(md5(string_agg((to_jsonb(x) - 'last_used_at')::text, '|' ORDER BY (to_jsonb(x) - 'last_used_at')::text)), '') AS sum FROM ${name} x`;
    })
    .join(' UNION ALL ');
}

export async function snapshot(pool: Pool): Promise<Snapshot> {
  statement ??= await buildStatement(pool);
  const { rows } = await pool.query<{ name: string; sum: string }>(statement);
  return new Map(rows.map((r) => [r.name, r.sum]));
}

/** Tables whose rows differ between two snapshots, minus `ignore`. */
export function changedTables(before: Snapshot, after: Snapshot, ignore: string[] = []): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => !ignore.includes(n) && before.get(n) !== after.get(n));
}
