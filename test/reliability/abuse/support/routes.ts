// The routes of the real app, read from Fastify's own route tree (printRoutes) so every route added later is
// covered without touching these tests. HEAD mirrors GET and the docs/static asset routes are not API surface.
import type { FastifyInstance } from 'fastify';

export interface AppRoute {
  method: string;
  /** Path as registered, e.g. `/api/v2/calendars/:id/access-token/`. */
  url: string;
  params: string[];
}

const NOT_API = [/^\/docs(\/|$)/, /^\/dashboard$/, /^\/\*$/];

/** Parses `printRoutes({ commonPrefix: false })`: each node's label continues its parent's path. */
export function listRoutes(app: FastifyInstance): AppRoute[] {
  const text = app.printRoutes({ commonPrefix: false });
  const stack: { depth: number; path: string }[] = [];
  const out = new Map<string, AppRoute>();
  for (const line of text.split('\n')) {
    const m = /^([│ ]*)(?:[└├]── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line.replace(/\s+$/, ''));
    if (!m) continue;
    const depth = m[1].length / 4;
    while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
    const path = (stack.at(-1)?.path ?? '') + m[2];
    stack.push({ depth, path });
    if (!m[3]) continue;
    const url = path.startsWith('/') ? path : `/${path}`;
    if (NOT_API.some((re) => re.test(url))) continue;
    for (const method of m[3].split(',').map((s) => s.trim())) {
      if (method === 'HEAD') continue;
      out.set(`${method} ${url}`, { method, url, params: [...url.matchAll(/:([A-Za-z_]+)/g)].map((p) => p[1]) });
    }
  }
  return [...out.values()].sort((a, b) => (a.url + a.method).localeCompare(b.url + b.method));
}

/** Fills path parameters; `value` may return any string (it is percent-encoded per segment unless `raw`). */
export function fillPath(route: AppRoute, value: (param: string) => string, raw = false): string {
  return route.url.replace(/:([A-Za-z_]+)/g, (_, p: string) => (raw ? value(p) : encodeURIComponent(value(p))));
}
