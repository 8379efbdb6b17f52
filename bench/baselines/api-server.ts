// Baseline for the API scenario: a bare Fastify route running the same SQL as GET /api/v2/calendar-events/
// (src/db/calendar-events.ts listEvents) for a fixed workspace, with no auth, rate limiting, validation, bots
// lookup or Recall-format rendering. `node --import tsx bench/baselines/api-server.ts` with DATABASE_URL,
// WORKSPACE_ID and PORT; prints "baseline api ready".
import Fastify from 'fastify';
import { listEvents } from '../../src/db/calendar-events.js';
import { createPool } from '../../src/db/pool.js';

const pool = createPool(process.env.DATABASE_URL!, 10, 'bench-baseline-api');
const workspaceId = process.env.WORKSPACE_ID!;
const app = Fastify({ logger: false });
app.get('/events', async (req) => {
  const q = req.query as Record<string, string | undefined>;
  const rows = await listEvents(pool, workspaceId, {
    calendarId: q.calendar_id,
    updatedAtGte: q.updated_at__gte ? new Date(q.updated_at__gte) : undefined,
    ordering: 'start_time',
    descending: false,
  }, null, 101);
  return { next: null, results: rows.slice(0, 100) };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('baseline api ready\n');
const stop = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
