// `rollcall webhook-endpoint create|list|delete` as a real child process against the test database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createWorkspace, TEST_ENCRYPTION_KEY, type TestContext } from '../helpers/context.js';
import { runRollcall } from '../helpers/process.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

async function cli(args: string[]) {
  const p = runRollcall(args, { DATABASE_URL: ctx.db.url, ROLLCALL_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, LOG_LEVEL: 'silent' });
  const code = await p.exited;
  return { code, out: p.output() };
}

describe('rollcall webhook-endpoint', () => {
  it('creates, lists and deletes endpoints; refuses bad input', async () => {
    const ws = await createWorkspace(ctx.deps);
    const created = await cli(['webhook-endpoint', 'create', 'https://app.example.com/hook', '--workspace', ws.id, '--event-types', 'calendar.update,bot.done']);
    expect(created.code).toBe(0);
    const ep = JSON.parse(created.out.trim().split('\n').at(-1)!);
    expect(ep).toMatchObject({ url: 'https://app.example.com/hook', event_types: ['calendar.update', 'bot.done'], disabled: false });
    expect(ep.secret).toMatch(/^whsec_/);
    const api = await ctx.app.inject({ method: 'GET', url: `/api/v2/webhook-endpoints/${ep.id}/secret/`, headers: { authorization: ws.auth } });
    expect(api.json().secret).toBe(ep.secret);

    const listed = await cli(['webhook-endpoint', 'list', '--workspace', ws.id]);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(ep.id);

    const bad = await cli(['webhook-endpoint', 'create', 'ftp://x', '--workspace', ws.id, '--event-types', 'nope']);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/url/);
    expect(bad.out).toMatch(/event_types/);

    expect((await cli(['webhook-endpoint', 'delete', ep.id, '--workspace', ws.id])).code).toBe(0);
    expect((await cli(['webhook-endpoint', 'list', '--workspace', ws.id])).out).not.toContain(ep.id);
    expect((await cli(['webhook-endpoint', 'delete', ep.id, '--workspace', ws.id])).code).not.toBe(0);
  }, 90_000);
});
