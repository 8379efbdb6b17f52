// OpenAPI 3.1 generated from the route schemas, served at /openapi.json, browsable at /docs (assets served
// locally by @fastify/swagger-ui, no external requests).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'rollcall',
        version: '0.1.0',
        description: "Calendar sync and meeting-bot scheduling, wire-compatible with Recall.ai's Calendar V1 and V2 APIs.",
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`Token <key>`, `Bearer <key>` or the bare key' },
          calendarToken: { type: 'apiKey', in: 'header', name: 'x-recallcalendarauthtoken' },
        },
      },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } as Record<string, unknown> });
  app.get('/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () => app.swagger());
}
