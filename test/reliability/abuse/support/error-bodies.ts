// What every non-2xx answer must look like: a registered code in one of the contract's error shapes.
import { errorRegistry } from '../../../../src/errors.js';

/** Returns a description of the violation, or null when the response is acceptable. */
/** The access-token endpoints answer Recall's `{"code":"error","message"}` with 400 (api-contract §2.7, §4.5). */
const ACCESS_TOKEN_PATH = /\/(access-token|access_token)\/?(\?|$)/;

export function errorBodyViolation(status: number, contentType: string | undefined, body: string, path = ''): string | null {
  if (status >= 500) return `server error ${status}: ${body.slice(0, 300)}`;
  if (status < 400) return null;
  if (!contentType?.startsWith('application/json')) {
    // The V1 OAuth callbacks answer browsers with an HTML page, by contract (§3.6).
    return contentType?.startsWith('text/html') ? null : `${status} with content type ${contentType ?? '(none)'}`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `${status} with a body that is not JSON: ${body.slice(0, 200)}`;
  }
  const b = parsed as Record<string, unknown>;
  const code = typeof b?.code === 'string' ? b.code : undefined;
  if (!code || !(code in errorRegistry)) return `${status} with unregistered code ${JSON.stringify(b?.code)}: ${body.slice(0, 200)}`;
  const text = b.detail ?? b.message;
  if (typeof text !== 'string') return `${status} ${code} without detail/message`;
  if (code === 'invalid_request_data' && (typeof b.errors !== 'object' || b.errors === null)) return `${status} invalid_request_data without errors`;
  // The registry names the status of every code; a code answered with another status is a bug.
  if (code === 'error' && status === 400 && ACCESS_TOKEN_PATH.test(path) && typeof b.message === 'string') return null;
  const expected = errorRegistry[code as keyof typeof errorRegistry].status;
  if (expected !== status) return `${code} answered with ${status}, registered as ${expected}`;
  return null;
}
