// The error-code registry: every error rollcall answers with has a stable code here, with its HTTP status and
// default message. docs/errors.md is generated from this table and a test keeps them equal.

export interface ErrorSpec {
  status: number;
  detail: string;
  /** When the code is used (for docs/errors.md). */
  when: string;
}

export const errorRegistry = {
  invalid_request_data: {
    status: 400,
    detail: 'Unable to process request because invalid data was submitted. Check `errors` field for more details.',
    when: 'Validation or business-rule failure; `errors` maps fields (or `non_field_errors`) to messages.',
  },
  not_authenticated: { status: 401, detail: 'Authentication credentials were not provided.', when: 'No `Authorization` header (or calendar token) was sent.' },
  authentication_failed: { status: 401, detail: 'Invalid token.', when: 'Unknown or revoked API key, or an invalid calendar auth token.' },
  token_expired: { status: 401, detail: 'The auth token has expired.', when: 'An expired calendar auth token.' },
  not_found: { status: 404, detail: 'Not found.', when: 'Unknown resource or path, another workspace\'s resource, an invalid cursor or page.' },
  method_not_allowed: { status: 405, detail: 'Method not allowed.', when: 'A known path with an unsupported method; the `Allow` header lists the methods.' },
  conflict: { status: 409, detail: 'Another request for this resource is in progress. Retry with backoff.', when: 'A conflicting operation is in progress.' },
  idempotency_conflict: {
    status: 409,
    detail: 'A request with this Idempotency-Key is still in progress.',
    when: 'A request repeats an `Idempotency-Key` whose first request has not finished.',
  },
  idempotency_key_reused: {
    status: 409,
    detail: 'This Idempotency-Key was used for a different request.',
    when: 'An `Idempotency-Key` is reused on another method or path within 60 minutes.',
  },
  bot_already_dispatched: {
    status: 405,
    detail: 'Cannot delete a bot that has already been dispatched to the meeting.',
    when: '`DELETE /api/v1/bot/{id}/` after the bot was handed to its runtime.',
  },
  update_bot_failed: {
    status: 400,
    detail: 'Cannot update a bot that has already been dispatched.',
    when: '`PATCH /api/v1/bot/{id}/` after dispatch, or with a `join_at` too close to launch; body `{"code","message"}` as Recall answers.',
  },
  insufficient_bot_capacity: {
    status: 507,
    detail: 'No bot is available to join immediately. Retry in 30 seconds.',
    when: 'An immediate join (ad-hoc bot, or scheduling an event about to start) while the bot runtime has no free capacity.',
  },
  bot_not_in_call: { status: 400, detail: 'Bot is not in a call.', when: '`POST /api/v1/bot/{id}/leave_call/` for a bot that is not in a call.' },
  invalid_runtime_signature: {
    status: 401,
    detail: 'Invalid or missing signature.',
    when: 'A runtime status callback whose `webhook-signature` does not verify (or is older than 5 minutes).',
  },
  payload_too_large: { status: 413, detail: 'Request body is too large.', when: 'The body exceeds `BODY_LIMIT_BYTES`; refused before it is read.' },
  unsupported_media_type: { status: 415, detail: 'Unsupported media type in request.', when: 'A body whose content type is not JSON, form-urlencoded or absent.' },
  no_oauth_credentials: { status: 400, detail: 'The calendar has no OAuth credentials.', when: 'Access-token endpoints: the calendar holds no credentials (body `{code, message}`).' },
  bad_refresh_token: { status: 400, detail: 'The provider rejected the refresh token.', when: 'Access-token endpoints: the provider refused the grant; the calendar becomes `disconnected` (body `{code, message}`).' },
  throttled: { status: 429, detail: 'Request was throttled.', when: 'A per-workspace rate limit was exceeded; `Retry-After` says when to retry.' },
  error: { status: 500, detail: 'A server error occurred.', when: 'An unexpected error; it is logged with the request id.' },
  dashboard_connect_failed: {
    status: 400,
    detail: 'The calendar could not be connected.',
    when: 'The dashboard\'s connect flow: no OAuth client configured for the provider, an invalid or expired state, or the provider refused the authorization code.',
  },
  unavailable: { status: 503, detail: 'Service temporarily unavailable.', when: 'The database is unreachable or the process is shutting down; `Retry-After` is set.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorRegistry;

/** Field errors in Django REST Framework's shape: field → messages, nested objects nest. */
export type FieldErrors = { [field: string]: string[] | FieldErrors };

/** An error with a registered code; the HTTP layer renders it. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly options: { errors?: FieldErrors; headers?: Record<string, string>; status?: number } = {},
  ) {
    super(detail ?? errorRegistry[code].detail);
    this.name = 'ApiError';
    this.status = options.status ?? errorRegistry[code].status;
  }

  body(): Record<string, unknown> {
    if (this.code === 'invalid_request_data') {
      return { code: this.code, message: errorRegistry.invalid_request_data.detail, errors: this.options.errors ?? {} };
    }
    return { detail: this.message, code: this.code };
  }
}

/** 400 with DRF-style field errors. */
export function validationError(errors: FieldErrors): ApiError {
  return new ApiError('invalid_request_data', undefined, { errors });
}

export function notFound(detail?: string): ApiError {
  return new ApiError('not_found', detail);
}
