// Route-level options and the request decorations the plugins provide.
import 'fastify';

export type AuthMode = 'key' | 'calendar' | 'none';

export interface RateLimitSpec {
  /** Bucket name from the contract's rate-limit table, e.g. `v2_calendars_list`. */
  bucket: string;
  /** Requests per minute. */
  limit: number;
  /** Who the limit applies to (default: the workspace). */
  per?: 'workspace' | 'calendar_user';
}

export interface AuthContext {
  workspaceId: string;
  /** Set on calendar-token (V1 user) routes. */
  calendarUserId: string | null;
  /** Idempotency and rate-limit scope: `ws:<id>` or `user:<id>`. */
  scope: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; default 'key'. */
    auth?: AuthMode;
    rateLimit?: RateLimitSpec;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

/** The authenticated context; throws if a route forgot its auth mode (a programming error). */
export function authOf(req: import('fastify').FastifyRequest): AuthContext {
  if (!req.auth) throw new Error('route has no authenticated context');
  return req.auth;
}
