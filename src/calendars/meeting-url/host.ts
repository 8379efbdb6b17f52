/** True when `host` is `domain` or a subdomain of it; never a substring match (`zoom.us.evil.com`). */
export function hostIs(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === domain || h.endsWith(`.${domain}`);
}

/** True when `host` matches any of `domains` (exactly or as a subdomain). */
export function hostIsAny(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => hostIs(host, d));
}

/** Parse with WHATWG URL; null instead of throwing. */
export function tryUrl(input: string, base?: string): URL | null {
  try {
    return new URL(input, base);
  } catch {
    return null;
  }
}

/** decodeURIComponent that returns the input unchanged on malformed escapes. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Decode repeatedly (double-encoded values are common in wrapped links) until stable, at most `max` times. */
export function decodeFully(s: string, max = 3): string {
  let cur = s;
  for (let i = 0; i < max; i++) {
    const next = safeDecode(cur);
    if (next === cur) break;
    cur = next;
  }
  return cur;
}
