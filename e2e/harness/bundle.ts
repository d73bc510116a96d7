// Node side of the in-browser harnesses: serves esbuild bundles (engine/cli/bench/bundle.ts, which
// loads `*.glsl?raw` imports as text as Vite does) to a page from the test server's origin, and
// opens the WebGL harness (e2e/harness/webgl.ts) as `window.loomHarness`.
import type { Page } from '@playwright/test';
import { bundle } from '../../engine/cli/bench/bundle.ts';
import type { Harness } from './webgl.ts';

declare global {
  interface Window {
    loomHarness: Harness;
  }
}

/**
 * Answers requests for `/<dir>/<name>` in `page` with `files[name]` (404 when absent), typed by
 * extension (.html, .wasm, else JavaScript), with `headers` added.
 */
export async function serveFiles(
  page: Page,
  dir: string,
  files: Record<string, string | Buffer>,
  headers: Record<string, string> = {},
): Promise<void> {
  await page.route(`**/${dir}/*`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop()!;
    const body = files[name];
    if (body === undefined) return route.fulfill({ status: 404 });
    const contentType = name.endsWith('.html')
      ? 'text/html'
      : name.endsWith('.wasm')
        ? 'application/wasm'
        : 'text/javascript';
    return route.fulfill({ body, contentType, headers });
  });
}

let harness: Promise<Record<string, string>> | null = null;

/** Opens a bare page at the test server's origin with the harness loaded as `window.loomHarness`. */
export async function openHarness(page: Page): Promise<void> {
  // Built once per test process.
  harness ??= bundle({ harness: new URL('./webgl.ts', import.meta.url).pathname });
  const files = {
    ...(await harness),
    'index.html':
      '<!doctype html><meta charset="utf-8"><script type="module" src="./harness.js"></script>',
  };
  await serveFiles(page, '__webgl-harness', files);
  await page.goto('/__webgl-harness/index.html');
  await page.waitForFunction(() => 'loomHarness' in window);
}
