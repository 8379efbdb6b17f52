import { it } from 'vitest';
import { createTestContext, createWorkspace } from '../../helpers/context.js';
it('x', async () => {
  const ctx = await createTestContext({ LOG_LEVEL: 'error' });
  const ws = await createWorkspace(ctx.deps);
  for (const payload of ['{"x":"a\\u0000b"}', '{"x":"\\ud800"}', '{"recall_api_key":"a\\u0000b"}', '{"http_url":"http://a/\\u0000"}']) {
    const r = await ctx.app.inject({ method: 'PATCH', url: '/api/v2/workspace/bot-runtime/', headers: { authorization: ws.auth, 'content-type': 'application/json' }, payload });
    console.error(payload, r.statusCode, r.body.slice(0, 300));
  }
  await ctx.close();
});
