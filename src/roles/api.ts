// The API role: the Fastify app listening on HOST:PORT.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { buildApp, type AppOptions } from '../http/app.js';

export interface ApiHandle {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startApi(deps: Deps, opts: AppOptions = {}): Promise<ApiHandle> {
  const app = await buildApp(deps, opts);
  const address = await app.listen({ port: deps.config.PORT, host: deps.config.HOST });
  return { app, url: address, close: () => app.close() };
}
