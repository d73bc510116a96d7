// The browser half of `npm run bench`: bundles the bench page (engine + TensorFlow.js) with
// esbuild, serves it and TF.js's .wasm files from a tiny server on 127.0.0.1 (cross-origin
// isolated, so TF.js wasm may use threads), and drives headless Chromium (SwiftShader WebGL2)
// through every engine/workload pair, one page.evaluate per pair.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../chromium.ts';
import { bundle } from './bundle.ts';
import { brief } from './report.ts';
import { ENGINES, type BenchApi, type Engine, type Skipped, type WorkloadId } from './page/api.ts';
import type { Measurement, TimingOptions } from './timing.ts';

/** Timing per workload: heavy steps get few warm-ups; the tiny two-tower step gets more steps. */
export const TIMING: Record<WorkloadId, TimingOptions> = {
  mlp: { warmup: 5, minSteps: 30, capMs: 60_000 },
  twoTower: { warmup: 50, minSteps: 30, targetMs: 2_000, maxSteps: 1_000 },
  matmul: { warmup: 2, minSteps: 30, capMs: 60_000 },
};

const WASM_DIR = new URL(
  '../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/',
  import.meta.url,
);
const EXAMPLES = new URL('../../../assets/examples/', import.meta.url);

function serve(files: Record<string, string>): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const name =
      decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1)) || 'index.html';
    let body: string | Buffer | undefined = files[name];
    let type = name.endsWith('.html') ? 'text/html' : 'text/javascript';
    if (body === undefined && /^[\w.-]+\.wasm$/.test(name)) {
      try {
        body = readFileSync(new URL(name, WASM_DIR));
        type = 'application/wasm';
      } catch {
        body = undefined;
      }
    }
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': type,
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    }),
  );
}

/** Runs every pair in one page; `log` hears one line per pair as it finishes. */
export async function runBrowserBench(
  log: (line: string) => void,
  only: {
    engines?: readonly Engine[];
    workloads?: readonly WorkloadId[];
    timing?: Partial<Record<WorkloadId, TimingOptions>>;
  } = {},
): Promise<{ env: Record<string, string>; rows: (Measurement | Skipped)[] }> {
  const files = await bundle(
    { main: new URL('./page/main.ts', import.meta.url).pathname },
    { minify: true },
  );
  files['index.html'] =
    '<!doctype html><meta charset="utf-8"><title>Layerloom bench</title><script type="module" src="./main.js"></script>';
  const { server, origin } = await serve(files);
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'bench' in window);
    const examples = {
      mlp: readFileSync(new URL('mnist-mlp.loom', EXAMPLES), 'utf8'),
      twoTower: readFileSync(new URL('two-tower.loom', EXAMPLES), 'utf8'),
    };
    const env = await page.evaluate(
      ({ examples, base }) => (window as unknown as { bench: BenchApi }).bench.init(examples, base),
      { examples, base: `${origin}/` },
    );
    const rows: (Measurement | Skipped)[] = [];
    for (const workload of only.workloads ?? (Object.keys(TIMING) as WorkloadId[]))
      for (const engine of only.engines ?? ENGINES) {
        const timing = only.timing?.[workload] ?? TIMING[workload];
        const row = await page.evaluate(
          (a) =>
            (window as unknown as { bench: BenchApi }).bench.run(a.engine, a.workload, a.timing),
          { engine, workload, timing },
        );
        rows.push(row);
        log(
          'skipped' in row
            ? `${engine} · ${row.workload}: skipped (${brief(row.skipped)})`
            : `${engine} · ${row.workload}: median ${row.median.toFixed(3)} ms over ${row.steps} steps`,
        );
      }
    return { env, rows };
  } finally {
    await browser.close();
    server.close();
  }
}
