import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { bundle } from '../../engine/cli/bench/bundle.ts';
import type { BenchApi, Engine, Skipped } from '../../engine/cli/bench/page/api.ts';
import type { Measurement } from '../../engine/cli/bench/timing.ts';
import { serveFiles } from '../harness/bundle.ts';

// The `npm run bench` page, run briefly: every engine trains the same two-tower model from the
// same weights on the same data, so after the same warm-up all report the same loss — the
// TF.js twins are the identical model, and the speed table compares like with like.

const examples = {
  mlp: readFileSync(new URL('../../assets/examples/mnist-mlp.loom', import.meta.url), 'utf8'),
  twoTower: readFileSync(new URL('../../assets/examples/two-tower.loom', import.meta.url), 'utf8'),
};
const wasmDir = new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url);

type Win = Window & { bench: BenchApi };

test('the bench page runs Layerloom and identical TF.js models side by side', async ({ page }) => {
  test.setTimeout(120_000);
  const files: Record<string, string | Buffer> = await bundle({
    main: 'engine/cli/bench/page/main.ts',
  });
  files['index.html'] =
    '<!doctype html><meta charset="utf-8"><script type="module" src="./main.js"></script>';
  for (const name of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm')))
    files[name] = readFileSync(new URL(name, wasmDir));
  await serveFiles(page, '__bench', files);
  await page.goto('/__bench/index.html');
  await page.waitForFunction(() => 'bench' in window);
  const env = await page.evaluate(
    ({ examples, base }) => (window as unknown as Win).bench.init(examples, base),
    { examples, base: new URL('/__bench/', page.url()).href },
  );
  expect(env.webgl).toContain('SwiftShader');

  const engines: Engine[] = [
    'Layerloom-CPU',
    'Layerloom-WebGL',
    'TF.js cpu',
    'TF.js wasm',
    'TF.js webgl',
  ];
  const rows: (Measurement | Skipped)[] = [];
  for (const engine of engines)
    rows.push(
      await page.evaluate(
        (engine) =>
          (window as unknown as Win).bench.run(engine, 'twoTower', { warmup: 5, minSteps: 3 }),
        engine,
      ),
    );
  const measured = rows.filter((r): r is Measurement => !('skipped' in r));
  expect(rows.filter((r) => 'skipped' in r)).toEqual([]);
  const reference = measured[0].first;
  for (const r of measured) {
    expect(r, r.engine).toMatchObject({ steps: 3, warmup: 5, reduced: false });
    expect(r.first, r.engine).toBeCloseTo(reference, 5);
    expect(r.min).toBeLessThanOrEqual(r.median);
    expect(r.median).toBeLessThanOrEqual(r.max);
  }

  // The matmul checksum agrees between Layerloom's CPU kernel and TF.js wasm.
  const mm = await page.evaluate(async () => {
    const b = (window as unknown as Win).bench;
    const t = { warmup: 1, minSteps: 4, capMs: 1 };
    return [await b.run('Layerloom-CPU', 'matmul', t), await b.run('TF.js wasm', 'matmul', t)];
  });
  const [ours, theirs] = mm as Measurement[];
  expect(ours.reduced).toBe(true);
  expect(ours.steps).toBe(3);
  expect(ours.first).toBeCloseTo(theirs.first, 3);
});
