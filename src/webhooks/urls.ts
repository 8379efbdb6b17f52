// Endpoint URL rules: http(s) only, absolute, no credentials, at most 2000 characters.

export const MAX_URL_LENGTH = 2000;

/** Null when acceptable, else the reason. */
export function checkEndpointUrl(raw: string): string | null {
  if (raw.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'must use http or https';
  if (!u.hostname) return 'must have a host';
  if (u.username || u.password) return 'must not contain credentials';
  return null;
}

/** URLs equal after normalisation (case of scheme and host, default port, empty path). */
export function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}
