// Every route module of the API. Add a module here after writing it under routes/.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { dashboardRoutes } from '../../dashboard/routes.js';
import { apiKeyRoutes } from './api-keys.js';
import { botRuntimeSettingsRoutes } from './bot-runtime-settings.js';
import { botRoutes } from './bots.js';
import { calendarEventBotRoutes } from './calendar-event-bots.js';
import { calendarEventRoutes } from './calendar-events.js';
import { calendarV1AdminRoutes } from './calendar-v1-admin.js';
import { calendarV1MeetingRoutes } from './calendar-v1-meetings.js';
import { calendarV1OAuthRoutes } from './calendar-v1-oauth.js';
import { calendarV1UserRoutes } from './calendar-v1-users.js';
import { calendarRoutes } from './calendars.js';
import { healthRoutes } from './health.js';
import { providerNotificationRoutes } from './provider-notifications.js';
import { runtimeCallbackRoutes } from './runtime-callbacks.js';
import { webhookEndpointRoutes } from './webhook-endpoints.js';
import { webhookMessageRoutes } from './webhook-messages.js';

export type RouteModule = (app: FastifyInstance, deps: Deps) => Promise<void>;

export const routeModules: RouteModule[] = [healthRoutes, apiKeyRoutes, webhookEndpointRoutes, webhookMessageRoutes, calendarRoutes, calendarEventRoutes, providerNotificationRoutes, dashboardRoutes,
  calendarV1UserRoutes, calendarV1MeetingRoutes, calendarV1OAuthRoutes, calendarV1AdminRoutes,
  botRoutes, calendarEventBotRoutes, runtimeCallbackRoutes, botRuntimeSettingsRoutes];
