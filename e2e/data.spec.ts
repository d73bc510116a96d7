import { gzipSync } from 'node:zlib';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeIdx } from '../engine/data/idx.ts';
import { newFromTemplate, toolbarButton } from './editorDriver.ts';

// The Data tab with real clicks: the two-tower example's built-in data, its preview and checked
// bindings; a CSV with a text cell fails inline and changes nothing; an MNIST IDX pair imports
// through the data worker and shows thumbnails and bindings.

test.use({ viewport: { width: 1500, height: 1000 } });

async function openDataTab(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Data' }).click();
  return page.getByRole('tabpanel', { name: 'Data' });
}

const binding = (panel: Locator, name: RegExp) => panel.getByRole('group', { name });

async function expectTwoTowerData(panel: Locator): Promise<void> {
  await expect(panel.getByLabel('Data source', { exact: true })).toHaveValue(
    'builtin:two-tower-sample',
  );
  const rows = panel.getByRole('table', { name: 'Data rows' });
  await expect(rows.getByRole('columnheader')).toHaveText(['#', 'x[0]', 'x[1]', 'y']);
  await expect(rows.locator('tbody tr')).toHaveCount(10);
  await expect(rows.locator('tbody tr').first()).toHaveText(/-0\.8464\s*-0\.3152\s*-0\.9018/);
  const input = binding(panel, /^Input input/);
  await expect(input.getByRole('list', { name: 'Arrays of Input input' })).toContainText('x');
  await expect(input).toHaveAccessibleDescription(
    '✓ Input input expects 2 values per sample (shape (None, 2)); [x] gives 2',
  );
  const target = binding(panel, /^Target of dense3/);
  await expect(target).toHaveAccessibleDescription(/^✓ .*\[y\] gives 1$/);
}

test('the two-tower example shows its built-in data, preview, statistics and checked bindings', async ({
  page,
}) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  const panel = await openDataTab(page);
  await expectTwoTowerData(panel);

  await panel.getByRole('button', { name: 'Statistics' }).click();
  const stats = panel.getByRole('table', { name: 'Column statistics' });
  await expect(stats.getByRole('row', { name: /^x\[0\]/ })).toHaveText(
    /x\[0\]\s*float32\s*10\s*-1\.506\s*2\.132/,
  );

  // Unbinding and rebinding with the keyboard-accessible controls updates the check live.
  const input = binding(panel, /^Input input/);
  await input.getByRole('button', { name: 'Remove x from Input input' }).click();
  await expect(input).toHaveAccessibleDescription('✗ Input input has no data bound to it');
  await input.getByLabel('Add an array to Input input').selectOption('y');
  await expect(input).toHaveAccessibleDescription(/^✗ .*\[y\] gives 1$/);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await panel.getByRole('button', { name: 'Rows' }).click();
  await expectTwoTowerData(panel);
});

test('a CSV with a text cell is refused inline, naming row and column; nothing changes', async ({
  page,
}) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  const panel = await openDataTab(page);
  await expectTwoTowerData(panel);

  await panel.getByLabel('Import data files').setInputFiles({
    name: 'scores.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Hours,Scores\n2.5,21\n5.1,lots\n3.2,27\n'),
  });
  const alert = panel.getByRole('alert', { name: 'Import error' });
  await expect(alert).toContainText('Could not import scores.csv');
  await expect(alert).toContainText(
    "Text 'lots' in a numeric column (file scores.csv, row 3, column 'Scores').",
  );
  await expect(alert).toContainText(
    "Fix the cell (or delete the column 'Scores') in the file, then import it again.",
  );

  await expectTwoTowerData(panel);
  await expect(toolbarButton(page, 'Undo')).toBeDisabled();
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();
});

test('an MNIST IDX pair imports off the UI thread: thumbnails and bindings appear', async ({
  page,
}) => {
  const n = 40;
  const pixels = new Float32Array(n * 28 * 28);
  for (let i = 0; i < n; i++)
    for (let r = 0; r < 28; r++)
      for (let c = 0; c < 28; c++)
        pixels[(i * 28 + r) * 28 + c] =
          Math.abs(r - 14) + Math.abs(c - 14) < 4 + (i % 10) ? 255 : 0;
  const labels = Float32Array.from({ length: n }, (_, i) => i % 10);
  const images = gzipSync(writeIdx({ shape: [n, 28, 28], data: pixels }));
  const labelBytes = writeIdx({ shape: [n], data: labels });

  await page.goto('/');
  await newFromTemplate(page, 'MNIST MLP');
  const panel = await openDataTab(page);
  const files = panel.getByRole('list', { name: 'Data files' });
  await expect(files).toContainText('not loaded: import it again');

  await panel.getByLabel('Import data files').setInputFiles([
    { name: 'train-images-idx3-ubyte.gz', mimeType: 'application/gzip', buffer: images },
    {
      name: 'train-labels-idx1-ubyte',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(labelBytes),
    },
  ]);
  await expect(panel.getByRole('status')).toContainText('Loaded train-images-idx3-ubyte.gz');

  const grid = panel.getByRole('region', { name: 'Images of images' });
  await expect(grid.getByRole('img')).toHaveCount(32);
  await expect(grid.getByRole('img', { name: 'images #3, label 2' })).toBeVisible();
  const lit = await grid
    .getByRole('img', { name: 'images #1, label 0' })
    .evaluate((c: HTMLCanvasElement) => c.getContext('2d')!.getImageData(14, 14, 1, 1).data[0]);
  expect(lit).toBe(255);

  // The old labels file is replaced by the new one (same array); the images binding is kept.
  await expect(files.getByRole('listitem')).toHaveCount(2);
  await expect(files).not.toContainText('not loaded');
  const input = binding(panel, /^Input input_layer/);
  await expect(input).toHaveAccessibleDescription(/^✓ .*\[images\] gives 784$/);
  await expect(input.getByLabel('Scale of Input input_layer')).toHaveValue('div255');
  await expect(binding(panel, /^Target of dense_1/)).toHaveAccessibleDescription(
    /^✓ .*one class id per sample; \[labels\] gives 1$/,
  );
});

test('data files dropped on the window are imported', async ({ page }) => {
  await page.goto('/');
  await newFromTemplate(page, 'Linear regression');
  // Dropped while another dock tab shows: the drop brings the Data tab forward.
  await expect(page.getByRole('tab', { name: 'Summary' })).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel', { name: 'Data' });
  const drag = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(
      new File(['Hours,Scores\n1,10\n2,20\n3,30\n'], 'dropped.csv', { type: 'text/csv' }),
    );
    return dt;
  });
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: drag });
  const overlay = page.getByText('Drop to import data');
  await expect(overlay).toBeVisible();
  await page.dispatchEvent('body', 'dragover', { dataTransfer: drag });
  await page.dispatchEvent('body', 'drop', { dataTransfer: drag });
  await expect(overlay).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Data' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByRole('list', { name: 'Data files' })).toContainText('dropped.csv');
  await expect(panel.getByLabel('Data source', { exact: true })).toHaveValue('files');
  await expect(binding(panel, /^Input hours/)).toHaveAccessibleDescription(
    /^✓ .*\[Hours\] gives 1$/,
  );
  await expect(panel.getByRole('table', { name: 'Data rows' }).locator('tbody tr')).toHaveCount(3);
});
