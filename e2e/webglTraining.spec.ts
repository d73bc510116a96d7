import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openHarness } from './harness/bundle.ts';

// Whole training steps on the WebGL2 backend match the CPU backend (loss, metrics, gradients,
// updates and weights within a relative 1e-4), the fused GPU optimizer passes match the CPU
// optimizers, and texture memory stays constant over 1,000 steps.

const example = (name: string) =>
  readFileSync(new URL(`../assets/examples/${name}.loom`, import.meta.url), 'utf8');

test('two-tower training steps on WebGL match the CPU', async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(
    (text) => window.loomHarness.trainingMatch(text, 'two-tower', 5),
    example('two-tower'),
  );
  expect(r.failures).toEqual([]);
  expect(r.params).toHaveLength(6);
  // The loss moves, so later steps really ran on updated weights.
  expect(r.losses[4][1]).not.toBe(r.losses[0][1]);
});

test('MLP (784→512→10, dropout, RMSprop, batch 128) steps on WebGL match the CPU', async ({
  page,
}) => {
  await openHarness(page);
  const r = await page.evaluate(
    (text) => window.loomHarness.trainingMatch(text, 'mlp', 3),
    example('mnist-mlp'),
  );
  expect(r.failures).toEqual([]);
  expect(r.params).toEqual(['dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias']);
});

const optimizers: [string, Record<string, unknown>][] = [
  ['sgd', { learningRate: 0.05 }],
  ['sgd', { learningRate: 0.05, momentum: 0.9, nesterov: true }],
  ['rmsprop', { learningRate: 0.01 }],
  ['rmsprop', { learningRate: 0.01, momentum: 0.5, centered: true }],
  ['adam', { learningRate: 0.01 }],
  ['adam', { learningRate: 0.01, amsgrad: true }],
  ['adamw', { learningRate: 0.01, weightDecay: 0.1 }],
  ['adagrad', { learningRate: 0.1 }],
];

test('GPU-resident training with fused optimizer passes matches the CPU optimizers', async ({
  page,
}) => {
  await openHarness(page);
  for (const [type, params] of optimizers) {
    const r = await page.evaluate(
      ({ text, type, params }) => window.loomHarness.residentMatch(text, type, params, 5),
      { text: example('two-tower'), type, params },
    );
    expect(r.failures, `${type} ${JSON.stringify(params)}`).toEqual([]);
  }
});

test('1,000 two-tower steps on WebGL leave texture count and GPU bytes unchanged', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openHarness(page);
  const r = await page.evaluate(
    (text) => window.loomHarness.memoryOverSteps(text, 1000),
    example('two-tower'),
  );
  expect(r.steps).toBe(1000);
  expect(Number.isFinite(r.loss)).toBe(true);
  expect(r.first.session.buffers).toBeGreaterThan(0);
  expect(r.last).toEqual(r.first);
});
