// Training UI probe for `npm run bench`: opens the MNIST MLP template in the real app, imports a
// generated MNIST-format IDX pair through the Data tab, presses Run with the loss curve on screen,
// and measures the page's requestAnimationFrame intervals while the worker trains on WebGL2.
import { gzipSync } from 'node:zlib';
import { expect, type Page } from '@playwright/test';
import { newFromTemplate, trainingButton } from '../editorDriver.ts';

/** What the probe measured. */
export interface TrainingProbeResult {
  /** Median and p95 interval between animation frames while training runs (ms). */
  frameMedianMs: number;
  frameP95Ms: number;
  frames: number;
  /** Steps the worker made during the measurement, per second. */
  stepsPerSecond: number;
  backend: string;
}

/** The q-quantile of `xs` (nearest rank below; NaN when empty). */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

/** An MNIST-format IDX pair (gzipped): n 28×28 images whose brightness pattern encodes the label. */
function idxPair(n: number): { images: Buffer; labels: Buffer } {
  const images = Buffer.alloc(16 + n * 784);
  images.writeUInt32BE(0x00000803, 0);
  images.writeUInt32BE(n, 4);
  images.writeUInt32BE(28, 8);
  images.writeUInt32BE(28, 12);
  const labels = Buffer.alloc(8 + n);
  labels.writeUInt32BE(0x00000801, 0);
  labels.writeUInt32BE(n, 4);
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) / 65536;
  for (let i = 0; i < n; i++) {
    const label = i % 10;
    labels[8 + i] = label;
    for (let p = 0; p < 784; p++) {
      const row = Math.floor(p / 28);
      const on = Math.floor(row / 2.8) === label;
      images[16 + i * 784 + p] = on ? 200 + Math.floor(rand() * 55) : Math.floor(rand() * 40);
    }
  }
  return { images: gzipSync(images), labels: gzipSync(labels) };
}

/** The IDX pair of `n` samples as the files a user picks for "Import data files". */
export function idxFiles(n: number): { name: string; mimeType: string; buffer: Buffer }[] {
  const { images, labels } = idxPair(n);
  return [
    { name: 'train-images-idx3-ubyte.gz', mimeType: 'application/gzip', buffer: images },
    { name: 'train-labels-idx1-ubyte.gz', mimeType: 'application/gzip', buffer: labels },
  ];
}

const stepCount = async (page: Page) =>
  Number(((await page.getByTestId('step-counter').textContent()) ?? '0').replace(/,/g, ''));

/** Runs the probe in `page` against the app at `baseURL`. */
export async function trainingProbe(page: Page, baseURL: string): Promise<TrainingProbeResult> {
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(baseURL);
  await newFromTemplate(page, 'MNIST MLP');
  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  await page.getByLabel('Import data files').setInputFiles(idxFiles(6000));
  await expect(page.getByRole('list', { name: 'Data files' })).toContainText('train-labels', {
    timeout: 60_000,
  });
  await page.getByRole('tab', { name: 'Training', exact: true }).click();
  await page.getByRole('tab', { name: 'Curves' }).click();
  await trainingButton(page, 'Run').click();
  await expect(trainingButton(page, 'Pause')).toBeVisible();
  // Past loading and the first (compiling) steps before measuring.
  await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThan(3);
  const backend = (await page.getByTestId('backend').textContent()) ?? '';
  const s0 = await stepCount(page);
  const t0 = Date.now();
  const frames = (await page.evaluate(`new Promise((resolve) => {
    const gaps = [];
    let prev = null;
    const end = performance.now() + 5000;
    const tick = (t) => {
      if (prev !== null) gaps.push(t - prev);
      prev = t;
      if (t < end) requestAnimationFrame(tick); else resolve(gaps);
    };
    requestAnimationFrame(tick);
  })`)) as number[];
  const steps = (await stepCount(page)) - s0;
  const seconds = (Date.now() - t0) / 1000;
  await trainingButton(page, 'Pause').click();
  return {
    frameMedianMs: quantile(frames, 0.5),
    frameP95Ms: quantile(frames, 0.95),
    frames: frames.length,
    stepsPerSecond: steps / seconds,
    backend: backend.split('—')[0].trim(),
  };
}
