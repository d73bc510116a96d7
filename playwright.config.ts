import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Browser tests drive the built web app (`vite preview` of dist/renderer) in Chromium.
// Chromium is found without downloads: CHROMIUM_PATH, else the system /usr/bin/chromium, else
// Playwright's own browser.
const PORT = 4173;
const isCI = Boolean(process.env.CI);

function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

if (!existsSync('dist/renderer/index.html')) {
  throw new Error(
    'dist/renderer/index.html is missing: the e2e tests run against the built app. Run `npm run build` first (or `npm run test:e2e`).',
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
      args: [
        '--headless=new',
        '--no-sandbox',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Headless machines have no GPU: WebGL2 comes from SwiftShader, which Chromium only
        // enables for WebGL when explicitly asked.
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --config vite.config.ts --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !isCI,
    timeout: 60_000,
  },
});
