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
  payload_too_large: { status: 413, detail: 'Request body is too large.', when: 'The body exceeds `BODY_LIMIT_BYTES`; refused before it is read.' },
  unsupported_media_type: { status: 415, detail: 'Unsupported media type in request.', when: 'A body whose content type is not JSON, form-urlencoded or absent.' },
  throttled: { status: 429, detail: 'Request was throttled.', when: 'A per-workspace rate limit was exceeded; `Retry-After` says when to retry.' },
  error: { status: 500, detail: 'A server error occurred.', when: 'An unexpected error; it is logged with the request id.' },
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
