// A real rollcall for browser tests: the Fastify app on a real port, the worker role (sync, webhooks, bot
// dispatch) and the in-process sandbox emulators, on a fresh test database. The dashboard's OAuth client is
// the sandbox client, exactly as in demo mode.
import { createServer } from 'node:net';
import { SANDBOX_CLIENT_ID, control } from '../../src/demo/sandbox-config.js';
import { startWorkerRole, type Service } from '../../src/roles/worker.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createTestContext, createWorkspace, type TestContext } from '../helpers/context.js';

export interface Rollcall {
  ctx: TestContext;
  sandbox: Sandbox;
  url: string;
  workspace: Awaited<ReturnType<typeof createWorkspace>>;
  clientSecret: string;
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startRollcall(env: Record<string, string> = {}): Promise<Rollcall> {
  const sandbox = await startSandbox({ microsoftHttpsPort: null, host: '127.0.0.1' });
  const clientSecret = 'sandbox-browser-test-secret';
  for (const origin of [sandbox.google.url, sandbox.microsoft.url]) await control(origin, '/clients', { client_id: SANDBOX_CLIENT_ID, client_secret: clientSecret });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const ctx = await createTestContext({
    ...sandbox.env,
    PORT: String(port),
    PUBLIC_URL: url,
    ROLLCALL_SANDBOX: 'on',
    DASHBOARD_GOOGLE_CLIENT_ID: SANDBOX_CLIENT_ID,
    DASHBOARD_GOOGLE_CLIENT_SECRET: clientSecret,
    DASHBOARD_MICROSOFT_CLIENT_ID: SANDBOX_CLIENT_ID,
    DASHBOARD_MICROSOFT_CLIENT_SECRET: clientSecret,
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    SIMULATED_BOT_STEP_MS: '1000',
    ...env,
  });
  await ctx.app.listen({ port, host: '127.0.0.1' });
  let worker: Service | null = null;
  try {
    worker = await startWorkerRole(ctx.deps);
  } catch (err) {
    await ctx.close();
    await sandbox.close();
    throw err;
  }
  const workspace = await createWorkspace(ctx.deps);
  return {
    ctx,
    sandbox,
    url,
    workspace,
    clientSecret,
    async api(method, path, body) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { Authorization: workspace.auth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await worker?.stop();
      await ctx.close();
      await sandbox.close();
    },
  };
}
