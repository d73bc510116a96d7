import { defineConfig } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/csp.ts';

// The renderer is one build used both by Electron (app:// protocol) and as a plain web app.
// `vite preview` sends the desktop CSP so the e2e tests exercise the build under the same policy.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: { port: 5173, strictPort: false },
  preview: {
    port: 4173,
    strictPort: true,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
  worker: { format: 'es' },
});
