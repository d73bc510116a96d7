import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { bundle } from '../engine/cli/bench/bundle.ts';
import type { Harness } from '../engine/worker/testing/harness.ts';
import { serveFiles } from './harness/bundle.ts';

// The training worker in real Chromium: the worker and a page harness are bundled with esbuild
// here and served from the app's origin (page.route) under the app's own CSP, so the worker loads
// exactly as the built app loads it ('self', module worker). WebGL2 comes from SwiftShader.

const example = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../assets/examples/${name}.loom`, import.meta.url), 'utf8'),
  ) as unknown;
const project = example('two-tower');
const mnist = example('mnist-mlp');

let files: Record<string, string>;
let csp = '';

test.beforeAll(async ({ request }) => {
  files = await bundle({
    worker: 'engine/worker/testing/testWorker.ts',
    harness: 'engine/worker/testing/harness.ts',
  });
  files['index.html'] =
    '<!doctype html><meta charset="utf-8"><title>worker test</title><script type="module" src="./harness.js"></script>';
  csp = (await request.get('/')).headers()['content-security-policy'];
  expect(csp).toContain("worker-src 'self' blob:");
});

async function open(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await serveFiles(page, '__worker-test', files, { 'content-security-policy': csp });
  await page.goto('/__worker-test/index.html');
  await page.waitForFunction(() => 'harness' in window);
  expect(errors).toEqual([]);
}

type Win = Window & { harness: Harness };

for (const backend of ['cpu', 'webgl'] as const) {
  test.describe(`training worker (${backend})`, () => {
    test.beforeEach(async ({ page }) => open(page));

    test('loads the two-tower project and steps once', async ({ page }) => {
      const got = await page.evaluate(
        async ({ project, backend }) => {
          const h = (window as unknown as Win).harness;
          const ready = await h.client.load(project, { preferBackend: backend });
          const done = await h.client.step(1, { detail: true });
          const metrics = h.events.filter((e) => e.type === 'metrics');
          return { ready, done, metrics, want: h.referenceLosses(project, 1) };
        },
        { project, backend },
      );
      expect(got.ready.backend, got.ready.reason).toBe(backend);
      expect(got.done).toMatchObject({ type: 'done', step: 1 });
      expect(got.metrics).toHaveLength(1);
      const m = got.metrics[0] as unknown as {
        logs: { loss: number };
        detail: { grads: Record<string, Float32Array> };
      };
      expect(m.logs.loss).toBeCloseTo(got.want[0], 5);
      expect(Object.keys(m.detail.grads).sort()).toEqual(got.ready.params.map((p) => p.key).sort());
    });

    test('runs 50 steps and the loss falls as on the CPU', async ({ page }) => {
      const got = await page.evaluate(
        async ({ project, backend }) => {
          const h = (window as unknown as Win).harness;
          await h.client.load(project, { preferBackend: backend });
          const done = await h.client.run({ steps: 50 });
          const losses = h.events
            .filter((e) => e.type === 'metrics')
            .flatMap((e) => Array.from(e.losses as Float32Array));
          return { done, losses, want: h.referenceLosses(project, 50) };
        },
        { project, backend },
      );
      expect(got.done).toMatchObject({ type: 'done', step: 50 });
      expect(got.losses).toHaveLength(50);
      // The CPU worker runs the very code of the page's reference; WebGL sums in another order.
      if (backend === 'cpu') expect(got.losses).toEqual(got.want);
      else got.losses.forEach((l, i) => expect(l).toBeCloseTo(got.want[i], 4));
      expect(got.losses[49]).toBeLessThan(got.losses[0] * 0.75);
    });

    test('pauses promptly mid-run and stays paused', async ({ page }) => {
      const got = await page.evaluate(
        async ({ project, backend }) => {
          const h = (window as unknown as Win).harness;
          await h.client.load(project, { preferBackend: backend });
          const start = performance.now();
          const run = h.client.run({ steps: 100_000_000 });
          while (performance.now() - start < 1000) await new Promise((r) => setTimeout(r, 5));
          const rate =
            h.events.filter((e) => e.type === 'metrics').length /
            ((performance.now() - start) / 1000);
          const t0 = performance.now();
          const paused = await h.client.pause();
          const latency = performance.now() - t0;
          const outcome = await run;
          const count = h.events.length;
          await new Promise((r) => setTimeout(r, 300));
          return { paused, outcome, latency, rate, extra: h.events.length - count };
        },
        { project, backend },
      );
      expect(got.outcome).toMatchObject({ type: 'paused', step: got.paused.step });
      expect(got.paused.step).toBeGreaterThan(0);
      expect(got.latency).toBeLessThan(250);
      // Metrics are coalesced to at most ~60 events a second, however fast the steps are.
      expect(got.rate).toBeGreaterThan(5);
      expect(got.rate).toBeLessThanOrEqual(62);
      expect(got.extra).toBe(0);
    });
  });
}

test.describe('training worker', () => {
  test.beforeEach(async ({ page }) => open(page));

  test('answers a malformed message with a typed error event', async ({ page }) => {
    const got = await page.evaluate(async () => {
      const h = (window as unknown as Win).harness;
      h.worker.postMessage({ id: 99, type: 'step', count: 'many' });
      h.worker.postMessage({ type: 'teleport' });
      while (h.events.filter((e) => e.type === 'error').length < 2)
        await new Promise((r) => setTimeout(r, 5));
      return h.events.filter((e) => e.type === 'error');
    });
    expect(got[0]).toMatchObject({ re: 99, code: 'worker/message', where: { path: 'count' } });
    expect(got[1]).toMatchObject({ code: 'worker/message', where: { path: 'type' } });
    expect(got[1]).not.toHaveProperty('re');
  });

  test('runs under the app CSP without violations (zod stays jitless)', async ({ page }) => {
    const violations = await page.evaluate(
      async ({ project }) => {
        const h = (window as unknown as Win).harness;
        await h.client.load(project, { preferBackend: 'cpu' });
        await h.client.step(3);
        // Violations are reported asynchronously; give them time to arrive.
        await new Promise((r) => setTimeout(r, 500));
        return h.events.filter((e) => e.type === 'test:csp');
      },
      { project },
    );
    expect(violations).toEqual([]);
  });

  test('the MNIST MLP (dropout, 784→512→10) trains on WebGL2 and passes the CPU self-check', async ({
    page,
  }) => {
    const got = await page.evaluate(
      async ({ mnist }) => {
        const h = (window as unknown as Win).harness;
        const { project, data } = h.mlp(mnist, 64);
        const want = h.referenceLosses(project, 3, data);
        const ready = await h.client.load(project, { data, preferBackend: 'webgl' });
        await h.client.step(3);
        const losses = h.events
          .filter((e) => e.type === 'metrics')
          .flatMap((e) => Array.from(e.losses as Float32Array));
        return { ready, losses, want, backend: h.events.filter((e) => e.type === 'backend') };
      },
      { mnist },
    );
    expect(got.ready.backend, got.ready.reason).toBe('webgl');
    expect(got.backend).toEqual([]);
    expect(got.losses).toHaveLength(got.want.length);
    // Same weights, same dropout masks (one hash on CPU and GPU): the same losses.
    got.losses.forEach((l, i) => expect(l).toBeCloseTo(got.want[i], 4));
  });

  test('a forced context loss mid-training keeps weights finite and training going', async ({
    page,
  }) => {
    const got = await page.evaluate(
      async ({ project }) => {
        const h = (window as unknown as Win).harness;
        const ready = await h.client.load(project, { preferBackend: 'webgl' });
        await h.client.run({ steps: 20 });
        h.worker.postMessage({ type: 'test:loseContext' });
        const done = await h.client.run({ steps: 30 });
        const weights = await h.client.getWeights();
        const losses = h.events
          .filter((e) => e.type === 'metrics')
          .flatMap((e) => Array.from(e.losses as Float32Array));
        return {
          ready,
          done,
          lost: h.events.find((e) => e.type === 'test:lost'),
          backend: h.events.filter((e) => e.type === 'backend'),
          finite: [...weights.values()].every((w) => w.every((v) => Number.isFinite(v))),
          losses,
          want: h.referenceLosses(project, 50),
        };
      },
      { project },
    );
    expect(got.ready.backend, got.ready.reason).toBe('webgl');
    expect(got.lost).toEqual({ type: 'test:lost', ok: true });
    expect(got.backend).toHaveLength(1);
    expect(got.backend[0]).toMatchObject({
      reason: expect.stringMatching(/context was lost/),
    });
    expect(got.done).toMatchObject({ type: 'done', step: 50 });
    expect(got.finite).toBe(true);
    expect(got.losses).toHaveLength(got.want.length);
    // The step after the loss is recomputed from the last good weights: the loss curve is the
    // CPU's, with no jump.
    got.losses.forEach((l, i) => expect(l).toBeCloseTo(got.want[i], 4));
  });
});
