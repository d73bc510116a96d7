import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseProjectText } from '../engine/document/parse.ts';
import { inferShapes } from '../engine/graph/infer.ts';
import { bindData } from '../engine/session/bind.ts';
import { TrainingSession } from '../engine/session/session.ts';
import { loadSource } from '../engine/session/source.ts';
import {
  inspector,
  newFromTemplate,
  setField,
  summaryRow,
  toolbarButton,
  trainingButton,
  useDownloadFallback,
} from './editorDriver.ts';
import { node } from './bench/canvasDriver.ts';
import { idxFiles } from './bench/trainingProbe.ts';

// Training in the app with real clicks: the worker trains on WebGL2 (SwiftShader) while the UI
// stays interactive; the Step view shows the whole update, checked against the engine itself.

test.use({ viewport: { width: 1500, height: 950 } });

// Save/Open through download/upload, which Playwright can drive.
test.beforeEach(({ page }) => useDownloadFallback(page));

async function openTraining(page: Page, template: string): Promise<void> {
  await page.goto('/');
  await newFromTemplate(page, template);
  await page.getByRole('tab', { name: 'Training', exact: true }).click();
}

/** The first step's gradients of a template computed by the engine on the CPU in Node. */
function engineFirstStep(template: string) {
  const text = readFileSync(
    new URL(`../assets/examples/${template}.loom`, import.meta.url),
    'utf8',
  );
  const doc = parseProjectText(text);
  const inf = inferShapes(doc);
  const session = new TrainingSession(doc, bindData(doc, inf, loadSource(doc.data.source)));
  return session.step(true);
}

test('Step on the two-tower template shows the whole update, equal to the engine', async ({
  page,
}) => {
  await openTraining(page, 'Two-tower');
  await trainingButton(page, 'Step').click();
  await expect(page.getByTestId('step-counter')).toHaveText('1');
  await expect(page.getByTestId('backend')).toContainText(/WebGL2|CPU/);

  const before = Number(await page.getByTestId('loss-before').getAttribute('data-value'));
  const after = Number(await page.getByTestId('loss-after').getAttribute('data-value'));
  expect(after).toBeLessThan(before);

  const cells = page.locator('[data-param="dense1/kernel"] [data-role="grad"]');
  await expect(cells).toHaveCount(2);
  const shown = (
    await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))
  ).map(Number);
  const ref = engineFirstStep('two-tower');
  expect(before).toBeCloseTo(ref.loss, 5);
  const grads = Array.from(ref.grads.get('dense1/kernel')!);
  shown.forEach((g, i) => expect(Math.abs(g - grads[i])).toBeLessThanOrEqual(1e-5));

  // The canvas shows each layer's gradient norm: dense1's is the norm of its kernel and bias grads.
  const bias = Array.from(ref.grads.get('dense1/bias')!);
  const norm = Math.sqrt([...grads, ...bias].reduce((a, g) => a + g * g, 0));
  const figure = node(page, 'dense1', 'Dense').getByLabel('Gradient norm');
  await expect(figure).toHaveAttribute('data-grad-source', 'params');
  const drawn = Number(await figure.locator('.layer-node__grad-value').textContent());
  expect(Math.abs(drawn - norm) / norm).toBeLessThan(0.01);
  // Edges carry the gradient flowing back: coloured on a scale, Input edges have none.
  const scales = await page
    .locator('.shape-edge__label[data-grad-scale]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-grad-scale'))));
  expect(scales).toHaveLength(3);
  expect(Math.max(...scales)).toBe(1);

  await page.getByRole('tab', { name: 'Curves' }).click();
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '1');
});

test('Run trains linear regression below loss 30 while the canvas stays usable', async ({
  page,
}) => {
  await openTraining(page, 'Linear regression');
  // The template's own schedule: 100 epochs of one batch = 100 steps from its stored weights.
  await trainingButton(page, 'Run').click();
  await expect(page.getByTestId('step-counter')).toHaveText('100', { timeout: 30_000 });
  await expect(trainingButton(page, 'Run')).toBeVisible();
  const loss = Number(await page.getByTestId('current-loss').textContent());
  expect(loss).toBeLessThan(30);

  // A long run, so the click below certainly happens while training.
  const epochs = page.getByRole('form', { name: 'Training settings' }).getByLabel('Epochs');
  await epochs.fill('100000');
  await epochs.press('Tab');
  await trainingButton(page, 'Run').click();
  await expect(trainingButton(page, 'Pause')).toBeVisible();
  const steps = async () =>
    Number((await page.getByTestId('step-counter').textContent())!.replace(/,/g, ''));
  await expect.poll(steps).toBeGreaterThan(150);
  await node(page, 'hours', 'Input').click();
  await expect(inspector(page).getByLabel('Name', { exact: true })).toHaveValue('hours');
  await expect(trainingButton(page, 'Pause')).toBeVisible();
  const during = await steps();
  await expect.poll(steps).toBeGreaterThan(during);
  await trainingButton(page, 'Pause').click();
  await expect(trainingButton(page, 'Run')).toBeVisible();
  const paused = await steps();
  await page.waitForTimeout(300);
  expect(await steps()).toBe(paused);
});

test('an IDX pair and a CSV: bind, train one epoch, read the confusion matrix', async ({
  page,
}) => {
  await page.goto('/');
  await newFromTemplate(page, 'MNIST MLP');
  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  const n = 200;
  // The same labels as a CSV column, as a spreadsheet export would give them.
  const csv = ['label', ...Array.from({ length: n }, (_, i) => String(i % 10))].join('\n');
  await page
    .getByLabel('Import data files')
    .setInputFiles([
      ...idxFiles(n),
      { name: 'labels.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
    ]);
  const files = page.getByRole('list', { name: 'Data files' });
  await expect(files).toContainText('labels.csv');
  await expect(files).toContainText('train-labels-idx1-ubyte');
  // Bind the target to the CSV column instead of the IDX labels.
  const target = 'Target of dense_1';
  const chips = page.getByRole('list', { name: `Arrays of ${target}` });
  for (const name of await chips.locator('.chip__name').allTextContents())
    await page.getByRole('button', { name: `Remove ${name} from ${target}` }).click();
  await page.getByLabel(`Add an array to ${target}`).selectOption('label');
  // The binding check passes: 200 class ids for the 10-way softmax.
  await expect(page.locator('fieldset.binding', { hasText: 'Target of' })).toContainText('✓');

  await page.getByRole('tab', { name: 'Training', exact: true }).click();
  await trainingButton(page, 'Epoch').click();
  // 200 samples in batches of 128: one epoch is two steps.
  await expect(page.getByTestId('step-counter')).toHaveText('2', { timeout: 60_000 });
  await expect(trainingButton(page, 'Epoch')).toBeEnabled();

  await page.getByRole('tab', { name: 'Predictions', exact: true }).click();
  const matrix = page.getByTestId('confusion-matrix');
  await expect(matrix).toBeVisible({ timeout: 30_000 });
  const counts = await matrix
    .locator('[data-count]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect(counts.length).toBe(100);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
});

test('a loss that overflows stops the run at that step, naming it, with the last good weights', async ({
  page,
}) => {
  await openTraining(page, 'Two-tower');
  const rate = page.getByRole('form', { name: 'Training settings' }).getByLabel('Learning rate');
  await rate.fill('1e30');
  await rate.press('Tab');
  await trainingButton(page, 'Run').click();
  const alert = page.getByRole('alert').filter({ hasText: 'the loss became' });
  await expect(alert).toContainText(/at step \d+/);
  await expect(alert).toContainText('last good');
  await expect(trainingButton(page, 'Run')).toBeVisible();
  const failedAt = Number(/at step (\d+)/.exec((await alert.textContent())!)![1]);
  await expect(page.getByTestId('step-counter')).toHaveText(String(failedAt - 1));
});

test('trained weights and the loss history are saved with the project and reopen', async ({
  page,
}, testInfo) => {
  await openTraining(page, 'Two-tower');
  for (let i = 1; i <= 3; i++) {
    await trainingButton(page, 'Step').click();
    await expect(page.getByTestId('step-counter')).toHaveText(String(i));
  }
  const download = page.waitForEvent('download');
  await toolbarButton(page, 'Save').click();
  const path = testInfo.outputPath('two-tower.loom');
  await (await download).saveAs(path);
  const saved = parseProjectText(readFileSync(path, 'utf8'));
  expect(saved.history?.steps).toBe(3);
  expect(Object.keys(saved.weights ?? {}).sort()).toEqual(['dense1', 'dense2', 'dense3']);

  await page.reload();
  const chooser = page.waitForEvent('filechooser');
  await toolbarButton(page, 'Open').click();
  await (await chooser).setFiles(path);
  await page.getByRole('tab', { name: 'Training', exact: true }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('3');
  await expect(page.getByTestId('weight-status')).toContainText('6 kept');
  await page.getByRole('tab', { name: 'Curves' }).click();
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '3');
  // Training continues from the saved weights: the next step is step 4.
  await trainingButton(page, 'Step').click();
  await expect(page.getByTestId('step-counter')).toHaveText('4');
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '4');

  // Editing the graph after training says which weights are kept and which start afresh.
  await page.getByRole('tab', { name: 'Summary', exact: true }).click();
  await summaryRow(page, 'dense2').click();
  await setField(page, 'Units', '3');
  await page.getByRole('tab', { name: 'Training', exact: true }).click();
  await expect(page.getByTestId('weight-status')).toContainText('3 kept');
  await expect(page.getByTestId('weight-status')).toContainText('3 re-initialised');
  await expect(page.getByRole('list', { name: 'Re-initialised weights' })).toContainText(
    'dense2/kernel (dense2): shape changed from (2, 2) to (2, 3)',
  );
});
