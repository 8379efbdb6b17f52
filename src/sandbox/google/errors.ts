// Google's JSON error envelope (developers.google.com/calendar/api/guides/errors).
export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: string;
  location?: string;
}

export class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    readonly item: GoogleErrorItem,
    readonly headers: Record<string, string> = {},
  ) {
    super(item.message);
  }

  body(): Record<string, unknown> {
    const error: Record<string, unknown> = { errors: [this.item], code: this.status, message: this.item.message };
    if (this.status === 401) error.status = 'UNAUTHENTICATED';
    return { error };
  }
}

const err = (status: number, domain: string, reason: string, message: string, extra: Partial<GoogleErrorItem> = {}): GoogleApiError =>
  new GoogleApiError(status, { domain, reason, message, ...extra });

export const errors = {
  invalidCredentials: () =>
    new GoogleApiError(
      401,
      { domain: 'global', reason: 'authError', message: 'Invalid Credentials', locationType: 'header', location: 'Authorization' },
      { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    ),
  insufficientScopes: () =>
    new GoogleApiError(
      403,
      { domain: 'global', reason: 'insufficientPermissions', message: 'Request had insufficient authentication scopes.' },
      { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="insufficient_scope"' },
    ),
  badRequest: (message = 'Bad Request') => err(400, 'global', 'badRequest', message),
  invalid: (message: string, location?: string) =>
    err(400, 'global', 'invalid', message, location ? { locationType: 'parameter', location } : {}),
  syncTokenWithRestrictions: () => err(400, 'global', 'invalid', 'Sync token cannot be used with other request restrictions.'),
  timeRangeEmpty: () => err(400, 'calendar', 'timeRangeEmpty', 'The specified time range is empty.', { locationType: 'parameter', location: 'timeMax' }),
  fullSyncRequired: () =>
    err(410, 'calendar', 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.', { locationType: 'parameter', location: 'syncToken' }),
  notFound: () => err(404, 'global', 'notFound', 'Not Found'),
  channelNotFound: (id: string) => err(404, 'global', 'notFound', `Channel '${id}' not found for project '000000000000'`),
  channelIdNotUnique: (id: string) => err(400, 'global', 'channelIdNotUnique', `Channel id ${id} not unique`),
  pushAddressInvalid: (msg: string) => err(400, 'global', 'push.webhookUrlNotHttps', msg),
  rateLimit: (status: number, retryAfter?: number) =>
    new GoogleApiError(
      status,
      { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
      retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {},
    ),
  /** Fault-injected error with the reason Google uses for that status unless one is given. */
  forStatus: (status: number, reason?: string) => {
    if (status === 401 && !reason) return errors.invalidCredentials();
    const known: Record<string, [string, string]> = {
      quotaExceeded: ['usageLimits', 'Calendar usage limits exceeded.'],
      userRateLimitExceeded: ['usageLimits', 'User Rate Limit Exceeded'],
      rateLimitExceeded: ['usageLimits', 'Rate Limit Exceeded'],
      insufficientPermissions: ['global', 'Request had insufficient authentication scopes.'],
      forbidden: ['global', 'Forbidden'],
      notFound: ['global', 'Not Found'],
      fullSyncRequired: ['calendar', 'Sync token is no longer valid, a full sync is required.'],
      backendError: ['global', 'Backend Error'],
      authError: ['global', 'Invalid Credentials'],
    };
    const r =
      reason ?? (status >= 500 ? 'backendError' : status === 404 ? 'notFound' : status === 410 ? 'fullSyncRequired' : status === 403 ? 'forbidden' : 'badRequest');
    const [domain, message] = known[r] ?? ['global', r];
    return err(status, domain, r, message);
  },
};
