// Provider push endpoints (no API auth: each notification is verified against its channel's secret). They only
// enqueue, so they answer well within Graph's 3-second rule. Graph's subscription validation handshake is a POST
// with `?validationToken=`, answered by echoing it as text/plain.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { receiveGoogleNotification, receiveGraphNotifications } from '../../calendars/notifications.js';
import { GOOGLE_NOTIFICATION_PATH, MICROSOFT_LIFECYCLE_PATH, MICROSOFT_NOTIFICATION_PATH } from '../../calendars/sync/push.js';
import type { Deps } from '../../deps.js';
import { ApiError, validationError } from '../../errors.js';

export async function providerNotificationRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const log = deps.log.child({ component: 'provider-notifications' });
  // Graph's validation POST is text/plain (usually empty); the notification bodies are JSON.
  app.addContentTypeParser(/^text\/plain/i, { parseAs: 'string' }, (_req, body, done) => done(null, { text: body }));
  const config = { auth: 'none' as const };
  const hide = { hide: true };

  // Refusals carry the usual error bodies (providers ignore them; people debugging a channel read them).
  const answer = (reply: FastifyReply, status: number) => {
    if (status === 400) throw validationError({ non_field_errors: ['Not a provider notification.'] });
    if (status === 401) throw new ApiError('authentication_failed', 'Unknown channel or invalid channel secret.');
    return reply.status(status).send();
  };

  app.post(GOOGLE_NOTIFICATION_PATH, { config, schema: hide }, async (req, reply) => {
    return answer(reply, await receiveGoogleNotification(deps, req.headers, log));
  });

  const graph = async (req: FastifyRequest, reply: FastifyReply) => {
    const token = (req.query as Record<string, unknown>).validationToken;
    if (typeof token === 'string') return reply.status(200).type('text/plain; charset=utf-8').send(token);
    return answer(reply, await receiveGraphNotifications(deps, req.body, log));
  };
  app.post(MICROSOFT_NOTIFICATION_PATH, { config, schema: hide }, graph);
  app.post(MICROSOFT_LIFECYCLE_PATH, { config, schema: hide }, graph);
}
