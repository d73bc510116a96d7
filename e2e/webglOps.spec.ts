import { expect, test } from '@playwright/test';
import { openHarness } from './harness/bundle.ts';

// Every case of the shared op suite runs forward and backward on the WebGL2 backend (in real
// Chromium, SwiftShader here) and on the CPU backend, on fresh random inputs; float32 kernels must
// agree within a relative 1e-4.

test('WebGL2 is available with float render targets', async ({ page }) => {
  await openHarness(page);
  expect(await page.evaluate(() => window.loomHarness.availability())).toEqual({ ok: true });
});

test('every op and its gradients match the CPU backend on WebGL', async ({ page }) => {
  test.setTimeout(120_000);
  await openHarness(page);
  const runSeed = (Date.now() * 2654435761) >>> 0;
  const report = await page.evaluate((seed) => window.loomHarness.opSuite(seed), runSeed);
  console.log(
    `op suite on WebGL (run seed ${runSeed}): ${report.cases} cases, ${report.gradientChecks} gradient checks`,
  );
  expect(report.failures).toEqual([]);
  expect(report.cases).toBeGreaterThan(150);
  expect(report.gradientChecks).toBeGreaterThan(150);
});

test('large matMuls (tiled and row-texture kernels, fused bias + activation) match the CPU', async ({
  page,
}) => {
  await openHarness(page);
  const runSeed = (Date.now() * 2246822519) >>> 0;
  const report = await page.evaluate((seed) => window.loomHarness.largeMatMuls(seed), runSeed);
  expect(report.failures, `run seed ${runSeed}`).toEqual([]);
  expect(report.cases).toBe(42);
});
