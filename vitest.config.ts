import { defineConfig } from 'vitest/config';

// Unit and engine tests run in Node; browser tests live in e2e/ and run under Playwright.
export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'renderer/**/*.test.ts', 'electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
