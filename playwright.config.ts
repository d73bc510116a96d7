import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumExecutable } from './engine/cli/chromium.ts';

// Browser tests drive the built web app (`vite preview` of dist/renderer) in Chromium.
// Chromium is found without downloads: CHROMIUM_PATH, else the system /usr/bin/chromium, else
// Playwright's own browser.
// PW_PORT / PW_DIST let several local runs coexist (each with its own build and port).
const PORT = Number(process.env.PW_PORT ?? 4173);
const DIST = process.env.PW_DIST ?? 'dist/renderer';
const isCI = Boolean(process.env.CI);

if (!existsSync(`${DIST}/index.html`)) {
  throw new Error(
    `${DIST}/index.html is missing: the e2e tests run against the built app. Run npm run build first (or npm run test:e2e).`,
  );
}

const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: isCI,
  reporter: isCI ? 'line' : 'list',
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    headless: true,
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `npx vite preview --config vite.config.ts --port ${PORT} --strictPort --outDir ../${DIST}`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !isCI,
    timeout: 60_000,
  },
});
