// Serves the built dashboard (dist/dashboard/web, made by `npm run build`): index.html is revalidated on every
// load, hashed assets are cached for a year. Both src/dashboard/ and dist/dashboard/ sit two levels below the
// package root, so the same relative path finds the build from source (tests) and from the compiled program.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const DASHBOARD_BUILD_DIR = fileURLToPath(new URL('../../dist/dashboard/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

// The page loads only its own scripts and styles and talks only to this origin.
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const MISSING_BUILD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>rollcall</title></head><body>
<h1>The dashboard is not built</h1><p>Run <code>npm run build</code> (it runs as part of <code>npm install</code>) and reload.</p></body></html>`;

export function registerDashboardStatic(app: FastifyInstance, root = DASHBOARD_BUILD_DIR): void {
  const hide = { hide: true };

  const sendIndex = async (reply: FastifyReply) => {
    const html = await readFile(path.join(root, 'index.html'), 'utf8').catch(() => null);
    reply.header('Cache-Control', 'no-cache').header('Content-Security-Policy', CSP).header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer');
    return reply.status(html ? 200 : 503).type('text/html; charset=utf-8').send(html ?? MISSING_BUILD);
  };

  app.get('/', { config: { auth: 'none' }, schema: hide }, (_req, reply) => sendIndex(reply));
  app.get('/dashboard', { config: { auth: 'none' }, schema: hide }, (_req, reply) => sendIndex(reply));

  app.get('/assets/*', { config: { auth: 'none' }, schema: hide }, async (req, reply) => {
    const rel = (req.params as { '*': string })['*'];
    const assets = path.join(root, 'assets');
    const file = path.resolve(assets, rel);
    // Only plain files inside assets/: no traversal, no directories.
    if (!file.startsWith(assets + path.sep) || !(await stat(file).then((s) => s.isFile(), () => false))) {
      return reply.status(404).type('text/plain').send('Not found.');
    }
    reply.header('Cache-Control', 'public, max-age=31536000, immutable').header('X-Content-Type-Options', 'nosniff');
    return reply.type(TYPES[path.extname(file)] ?? 'application/octet-stream').send(await readFile(file));
  });
}
