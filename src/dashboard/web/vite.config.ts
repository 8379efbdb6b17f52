// Builds the dashboard into dist/dashboard/web/ (served by src/dashboard/routes.ts). Every asset is bundled and
// served by rollcall itself: no fonts, CDNs or analytics, so the page makes no request to another host.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../../dist/dashboard/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // inline nothing as data: URLs that a strict CSP might refuse; the bundle is small anyway
    assetsInlineLimit: 0,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
