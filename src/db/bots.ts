// bots and bot_status_changes: rows, lookups, changes before dispatch, the Bot API list.
import type { Queryable } from './pool.js';

export type BotPhase = 'scheduled' | 'launching' | 'dispatched';
export type BotSource = 'api' | 'v2_event' | 'v1_meeting';

export interface BotRow {
  id: string;
  workspace_id: string;
  source: BotSource;
  meeting_url: string;
  meeting_platform: string;
  meeting_id: string | null;
  meeting_password: string | null;
  meeting_details: Record<string, string | null>;
  bot_name: string;
  join_at: Date;
  config: Record<string, unknown>;
  metadata: Record<string, string | null>;
  status: string;
  phase: BotPhase;
  dispatch_at: Date;
  claimed_by: string | null;
  claim_expires_at: Date | null;
  dispatched_at: Date | null;
  launch_expires_at: Date | null;
  launch_attempts: number;
  launched_at: Date | null;
  runtime: string | null;
  runtime_ref: string | null;
  deduplication_key: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface StatusChangeRow {
  bot_id: string;
  code: string;
  sub_code: string | null;
  message: string | null;
  created_at: Date;
}

/** What a bot is: the meeting, the timing and the configuration (everything the Bot API may change before dispatch). */
export interface BotSpec {
  meetingUrl: string;
  meetingPlatform: string;
  meetingId: string | null;
  meetingPassword: string | null;
  meetingDetails: Record<string, string | null>;
  botName: string;
  joinAt: Date;
  dispatchAt: Date;
  config: Record<string, unknown>;
  metadata: Record<string, string | null>;
}

export async function insertBot(db: Queryable, workspaceId: string, source: BotSource, spec: BotSpec, dedupKey: string | null = null): Promise<BotRow> {
  const r = await db.query<BotRow>(
    `INSERT INTO bots (workspace_id, source, meeting_url, meeting_platform, meeting_id, meeting_password, meeting_details,
                       bot_name, join_at, dispatch_at, config, metadata, deduplication_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
    [workspaceId, source, spec.meetingUrl, spec.meetingPlatform, spec.meetingId, spec.meetingPassword, JSON.stringify(spec.meetingDetails),
      spec.botName, spec.joinAt, spec.dispatchAt, JSON.stringify(spec.config), JSON.stringify(spec.metadata), dedupKey],
  );
  await insertStatusChange(db, r.rows[0].id, 'ready', null, null);
  return r.rows[0];
}

/** Replaces the configuration of a scheduled bot; drops any armed-timer claim so the new time is re-armed. */
export async function replaceBotSpec(db: Queryable, id: string, spec: BotSpec): Promise<BotRow> {
  const r = await db.query<BotRow>(
    `UPDATE bots SET meeting_url = $2, meeting_platform = $3, meeting_id = $4, meeting_password = $5, meeting_details = $6,
                     bot_name = $7, join_at = $8, dispatch_at = $9, config = $10, metadata = $11,
                     claimed_by = NULL, claim_expires_at = NULL, updated_at = date_trunc('milliseconds', now())
      WHERE id = $1 AND phase = 'scheduled' RETURNING *`,
    [id, spec.meetingUrl, spec.meetingPlatform, spec.meetingId, spec.meetingPassword, JSON.stringify(spec.meetingDetails),
      spec.botName, spec.joinAt, spec.dispatchAt, JSON.stringify(spec.config), JSON.stringify(spec.metadata)],
  );
  return r.rows[0];
}

export async function getBot(db: Queryable, workspaceId: string, id: string): Promise<BotRow | null> {
  const r = await db.query<BotRow>('SELECT * FROM bots WHERE id = $1 AND workspace_id = $2', [id, workspaceId]);
  return r.rows[0] ?? null;
}

export async function getBotById(db: Queryable, id: string): Promise<BotRow | null> {
  const r = await db.query<BotRow>('SELECT * FROM bots WHERE id = $1', [id]);
  return r.rows[0] ?? null;
}

/** Locks the bot row for the rest of the transaction (serialises with the dispatcher's claim). */
export async function lockBot(db: Queryable, workspaceId: string, id: string): Promise<BotRow | null> {
  const r = await db.query<BotRow>('SELECT * FROM bots WHERE id = $1 AND workspace_id = $2 FOR UPDATE', [id, workspaceId]);
  return r.rows[0] ?? null;
}

export async function findBotByRuntimeRef(db: Queryable, runtime: string, ref: string): Promise<BotRow | null> {
  const r = await db.query<BotRow>('SELECT * FROM bots WHERE runtime = $1 AND runtime_ref = $2', [runtime, ref]);
  return r.rows[0] ?? null;
}

/** The workspace's scheduled bot holding this deduplication key, locked. */
export async function lockScheduledBotByKey(db: Queryable, workspaceId: string, key: string): Promise<BotRow | null> {
  const r = await db.query<BotRow>(
    `SELECT * FROM bots WHERE workspace_id = $1 AND deduplication_key = $2 AND phase = 'scheduled' FOR UPDATE`,
    [workspaceId, key],
  );
  return r.rows[0] ?? null;
}

/** Deletes bots that are still scheduled; returns the ids deleted. */
export async function deleteScheduledBots(db: Queryable, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const r = await db.query<{ id: string }>(`DELETE FROM bots WHERE id = ANY($1::uuid[]) AND phase = 'scheduled' RETURNING id`, [ids]);
  return r.rows.map((x) => x.id);
}

export async function insertStatusChange(db: Queryable, botId: string, code: string, subCode: string | null, message: string | null, at?: Date): Promise<void> {
  await db.query(
    `INSERT INTO bot_status_changes (bot_id, code, sub_code, message, created_at)
     VALUES ($1, $2, $3, $4, date_trunc('milliseconds', coalesce($5::timestamptz, now())))`,
    [botId, code, subCode, message, at ?? null],
  );
}

export async function setBotStatus(db: Queryable, botId: string, code: string): Promise<void> {
  await db.query(`UPDATE bots SET status = $2, updated_at = date_trunc('milliseconds', now()) WHERE id = $1`, [botId, code]);
}

export async function statusChangesOf(db: Queryable, botIds: string[]): Promise<Map<string, StatusChangeRow[]>> {
  const out = new Map<string, StatusChangeRow[]>();
  if (botIds.length === 0) return out;
  const r = await db.query<StatusChangeRow>(
    `SELECT bot_id, code, sub_code, message, created_at FROM bot_status_changes WHERE bot_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [botIds],
  );
  for (const row of r.rows) {
    const list = out.get(row.bot_id) ?? [];
    list.push(row);
    out.set(row.bot_id, list);
  }
  return out;
}

export interface BotListFilter {
  joinAtAfter?: Date;
  joinAtBefore?: Date;
  meetingUrl?: string;
  platforms?: string[];
  statuses?: string[];
  metadata?: Record<string, string>;
}

/** One page of the workspace's bots (join_at, id ascending) and the total count. */
export async function listBots(db: Queryable, workspaceId: string, f: BotListFilter, offset: number, limit: number): Promise<{ rows: BotRow[]; count: number }> {
  const where = ['workspace_id = $1'];
  const values: unknown[] = [workspaceId];
  const add = (sql: (p: string) => string, v: unknown) => {
    values.push(v);
    where.push(sql(`$${values.length}`));
  };
  if (f.joinAtAfter) add((p) => `join_at >= ${p}`, f.joinAtAfter);
  if (f.joinAtBefore) add((p) => `join_at <= ${p}`, f.joinAtBefore);
  if (f.meetingUrl) add((p) => `meeting_url = ${p}`, f.meetingUrl);
  if (f.platforms?.length) add((p) => `meeting_platform = ANY(${p}::text[])`, f.platforms);
  if (f.statuses?.length) add((p) => `status = ANY(${p}::text[])`, f.statuses);
  if (f.metadata && Object.keys(f.metadata).length) add((p) => `metadata @> ${p}::jsonb`, JSON.stringify(f.metadata));
  const cond = where.join(' AND ');
  const [page, total] = await Promise.all([
    db.query<BotRow>(`SELECT * FROM bots WHERE ${cond} ORDER BY join_at, id OFFSET ${offset} LIMIT ${limit}`, values),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bots WHERE ${cond}`, values),
  ]);
  return { rows: page.rows, count: total.rows[0].n };
}

/** Runtime bots still active (dispatched, not finished): what a bounded runtime pool is using. */
export async function countActiveBots(db: Queryable, runtime: string, terminal: readonly string[]): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM bots WHERE runtime = $1 AND phase <> 'scheduled' AND NOT (status = ANY($2::text[]))`,
    [runtime, terminal],
  );
  return r.rows[0].n;
}

/** Wakes the dispatch engines (LISTEN rollcall_bots): delivered when the caller's transaction commits. */
export async function notifyBotChanged(db: Queryable, botId: string): Promise<void> {
  await db.query(`SELECT pg_notify('rollcall_bots', $1)`, [botId]);
}
