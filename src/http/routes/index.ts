// Every route module of the API. Add a module here after writing it under routes/.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { apiKeyRoutes } from './api-keys.js';
import { healthRoutes } from './health.js';

export type RouteModule = (app: FastifyInstance, deps: Deps) => Promise<void>;

export const routeModules: RouteModule[] = [healthRoutes, apiKeyRoutes];
