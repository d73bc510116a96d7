// The training charts and the Step view driven through the real Training tab: empty states, the
// numbers of a small model's update (after = before + update, cell by cell), heatmaps with hover
// read-outs for the MNIST MLP's large tensors, and the loss/gradient charts' toggles.
import { expect, test, type Page } from '@playwright/test';
import { newFromTemplate, trainingButton } from './editorDriver.ts';
import { idxFiles } from './bench/trainingProbe.ts';

test.use({ viewport: { width: 1500, height: 1100 } });

const view = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

async function values(page: Page, selector: string): Promise<number[]> {
  const raw = await page
    .locator(selector)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
  return raw.map(Number);
}

test('empty states, then a small model’s update cell by cell and its curves', async ({ page }) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  await view(page, 'Training').click();
  await expect(page.getByTestId('step-view')).toContainText(
    'Press Step to run one gradient update',
  );
  await view(page, 'Curves').click();
  await expect(page.getByTestId('loss-chart')).toContainText('Press Step to train');
  await view(page, 'Step view').click();

  await trainingButton(page, 'Step').click();
  await expect(page.getByTestId('step-counter')).toHaveText('1');
  await expect(page.getByTestId('step-view')).toHaveAttribute('data-step', '1');
  const params = await page
    .locator('[data-param]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-param')));
  expect(params).toEqual(expect.arrayContaining(['dense1/kernel', 'dense3/bias']));

  for (const key of params) {
    const sel = (role: string) => `[data-param="${key}"] [data-role="${role}"]`;
    const before = await values(page, sel('before'));
    const update = await values(page, sel('update'));
    const after = await values(page, sel('after'));
    const grad = await values(page, sel('grad'));
    expect(before.length).toBeGreaterThan(0);
    expect([update.length, after.length, grad.length]).toEqual(new Array(3).fill(before.length));
    after.forEach((a, i) => expect(Math.abs(a - (before[i] + update[i]))).toBeLessThan(1e-6));
    // The first update of SGD and Adam alike points against the gradient.
    grad.forEach((g, i) => {
      if (Math.abs(g) > 1e-6) expect(Math.sign(update[i])).toBe(-Math.sign(g));
    });
  }
  // dense1/kernel is 2×1: two rows of one column.
  await expect(page.locator('[data-param="dense1/kernel"] [data-quantity="grad"] tr')).toHaveCount(
    2,
  );
  const norm = Number(
    await page
      .locator('[data-param="dense1/kernel"] [data-stat="grad-norm"]')
      .getAttribute('data-value'),
  );
  const g = await values(page, '[data-param="dense1/kernel"] [data-role="grad"]');
  expect(norm).toBeCloseTo(Math.hypot(...g), 6);

  for (let i = 2; i <= 3; i++) {
    await trainingButton(page, 'Step').click();
    await expect(page.getByTestId('step-counter')).toHaveText(String(i));
  }
  await expect(page.getByTestId('step-view')).toHaveAttribute('data-step', '3');

  await view(page, 'Curves').click();
  const chart = page.getByTestId('loss-chart');
  await expect(chart).toHaveAttribute('data-points', '3');
  await expect(chart.locator('canvas')).toHaveCount(1);
  const plot = chart.locator('.u-over');
  const box = (await plot.boundingBox())!;
  // The legend reads out the step under the pointer (the first one at the left edge).
  await expect(chart.locator('.u-legend')).toContainText(/step\s*3\s*loss\s*\d/);
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await expect(chart.locator('.u-legend')).toContainText(/step\s*1\s*loss\s*\d/);
  await chart.getByLabel('Log scale').check();
  await expect(chart.locator('canvas')).toHaveCount(1);
  await chart.getByRole('button', { name: 'Per epoch' }).click();
  await expect(chart).toHaveAttribute('data-mode', 'epoch');

  await view(page, 'Gradients').click();
  await expect(page.getByTestId('grad-norm-chart').locator('canvas')).toHaveCount(1);
  const histo = page.getByTestId('histogram-chart');
  await expect(histo.getByLabel('Parameter')).toHaveValue('dense1/kernel');
  await histo.getByLabel('Parameter').selectOption('dense3/kernel');
  await expect(histo.locator('canvas')).toHaveCount(2);
});

test('the MNIST MLP’s large tensors are heatmaps with hover values', async ({ page }) => {
  await page.goto('/');
  await newFromTemplate(page, 'MNIST MLP');
  await view(page, 'Data').click();
  await page.getByLabel('Import data files').setInputFiles(idxFiles(200));
  await expect(page.getByRole('list', { name: 'Data files' })).toContainText(
    'train-labels-idx1-ubyte.gz',
  );
  await view(page, 'Training').click();
  await trainingButton(page, 'Step').click();
  await expect(page.getByTestId('step-counter')).toHaveText('1', { timeout: 60_000 });

  const kernel = page.locator('[data-param="dense/kernel"]');
  const grad = kernel.locator('[data-heatmap="grad"]');
  await expect(grad).toHaveAttribute('data-rows', '784');
  await expect(grad).toHaveAttribute('data-cols', '512');
  await expect(kernel.locator('[data-role]')).toHaveCount(0);
  const canvas = grad.locator('canvas');
  await canvas.hover({ position: { x: 5, y: 5 } });
  await expect(kernel.locator('.heatmap__tip')).toContainText(/row \d+, col \d+: /);
  // The 10 output biases are numbers again.
  await expect(page.locator('[data-param="dense_1/bias"] [data-role="grad"]')).toHaveCount(10);
  await expect(
    page.locator('[data-param="dense_1/kernel"] [data-heatmap="after"]'),
  ).toHaveAttribute('data-rows', '512');
});
