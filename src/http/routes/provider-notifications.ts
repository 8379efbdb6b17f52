// Provider push endpoints (no API auth: each notification is verified against its channel's secret). They only
// enqueue, so they answer well within Graph's 3-second rule. Graph's subscription validation handshake is a POST
// with `?validationToken=`, answered by echoing it as text/plain.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { receiveGoogleNotification, receiveGraphNotifications } from '../../calendars/notifications.js';
import { GOOGLE_NOTIFICATION_PATH, MICROSOFT_LIFECYCLE_PATH, MICROSOFT_NOTIFICATION_PATH } from '../../calendars/sync/push.js';
import type { Deps } from '../../deps.js';

export async function providerNotificationRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const log = deps.log.child({ component: 'provider-notifications' });
  // Graph's validation POST is text/plain (usually empty); the notification bodies are JSON.
  app.addContentTypeParser(/^text\/plain/i, { parseAs: 'string' }, (_req, body, done) => done(null, { text: body }));
  const config = { auth: 'none' as const };
  const hide = { hide: true };

  app.post(GOOGLE_NOTIFICATION_PATH, { config, schema: hide }, async (req, reply) => {
    return reply.status(await receiveGoogleNotification(deps, req.headers, log)).send();
  });

  const graph = async (req: FastifyRequest, reply: FastifyReply) => {
    const token = (req.query as Record<string, unknown>).validationToken;
    if (typeof token === 'string') return reply.status(200).type('text/plain; charset=utf-8').send(token);
    return reply.status(await receiveGraphNotifications(deps, req.body, log)).send();
  };
  app.post(MICROSOFT_NOTIFICATION_PATH, { config, schema: hide }, graph);
  app.post(MICROSOFT_LIFECYCLE_PATH, { config, schema: hide }, graph);
}
