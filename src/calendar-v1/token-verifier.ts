// The CalendarTokenVerifier the auth plugin calls on `config: { auth: 'calendar' }` routes.
import type { CalendarTokenVerifier } from '../http/plugins/auth.js';
import type { Deps } from '../deps.js';
import { CalendarTokenError, verifyCalendarToken } from './tokens.js';

export function calendarTokenVerifier(deps: Deps): CalendarTokenVerifier {
  return async (_req, token) => {
    try {
      const s = await verifyCalendarToken(deps, token.trim());
      return { workspaceId: s.workspaceId, calendarUserId: s.calendarUserId, scope: `user:${s.calendarUserId}` };
    } catch (err) {
      if (err instanceof CalendarTokenError) throw err.toApiError();
      throw err;
    }
  };
}
