// Node side of the WebGL harness: bundles e2e/harness/webgl.ts (and the engine it imports) with
// esbuild, resolving `*.glsl?raw` imports to their text as Vite does, and serves it to a page.
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Page } from '@playwright/test';

const rawGlsl: Plugin = {
  name: 'glsl-raw',
  setup(b) {
    b.onResolve({ filter: /\.glsl\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.replace(/\?raw$/, '')),
      namespace: 'glsl-raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'glsl-raw' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
      resolveDir: dirname(args.path),
    }));
  },
};

let bundled: Promise<string> | null = null;

/** The harness as one ES module (built once per test process). */
export function harnessBundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [new URL('./webgl.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    plugins: [rawGlsl],
  }).then((r) => r.outputFiles[0].text);
  return bundled;
}

/** Opens a bare page at the test server's origin with the harness loaded as `window.loomHarness`. */
export async function openHarness(page: Page): Promise<void> {
  const code = await harnessBundle();
  await page.route('**/__webgl-harness.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><meta charset="utf-8"><script type="module" src="/__webgl-harness.js"></script>',
    }),
  );
  await page.route('**/__webgl-harness.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: code }),
  );
  await page.goto('/__webgl-harness.html');
  await page.waitForFunction(() => 'loomHarness' in window);
}
