// URLs as they may appear in logs: values of query parameters that can carry secrets are replaced.
const SECRET_PARAMS = /^(code|state|token|access_token|refresh_token|client_secret|validationtoken|key|api_key)$/i;

export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const k of [...params.keys()]) if (SECRET_PARAMS.test(k)) params.set(k, '[redacted]');
  return `${url.slice(0, q)}?${params.toString()}`;
}
