import { readFileSync } from 'node:fs';
import { expect, test, type FileChooser, type Page } from '@playwright/test';
import { parseProjectText } from '../engine/document/parse.ts';
import { dragNode, node } from './bench/canvasDriver.ts';
import {
  copySummary,
  dirtyMarker,
  focusBody,
  inspector,
  newFromTemplate,
  nodePositions,
  setField,
  summaryRow,
  toolbarButton,
  useDownloadFallback,
} from './editorDriver.ts';

// Projects with real mouse and keyboard input: save (download), reload, open (upload) gives the
// same document; bad files are reported without losing work; unsaved work survives a reload.

test.use({
  viewport: { width: 1500, height: 900 },
  permissions: ['clipboard-read', 'clipboard-write'],
});

test.beforeEach(({ page }) => useDownloadFallback(page));

/** Edits the two-tower template a little: moves dense2, changes dense1's units and activation. */
async function editTwoTower(page: Page): Promise<void> {
  await dragNode(page, 'dense2', 'Dense', 120, 100);
  await summaryRow(page, 'dense1').click();
  await setField(page, 'Units', '6');
  await inspector(page).getByLabel('Activation', { exact: true }).selectOption('tanh');
  await expect(summaryRow(page, 'dense1')).toContainText('(None, 6)');
}

async function snapshot(page: Page) {
  return { summary: await copySummary(page), positions: await nodePositions(page) };
}

test('save, reload and open gives back the same graph, params and positions', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  await editTwoTower(page);
  await expect(dirtyMarker(page)).toBeVisible();
  const before = await snapshot(page);

  const download = page.waitForEvent('download');
  await toolbarButton(page, 'Save').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('two-tower.loom');
  const path = testInfo.outputPath('two-tower.loom');
  await file.saveAs(path);
  await expect(dirtyMarker(page)).toHaveCount(0);
  await expect(page).toHaveTitle('two_tower — two-tower.loom — Layerloom');
  // The file is a valid project with the edit in it.
  const saved = parseProjectText(readFileSync(path, 'utf8'));
  expect(saved.nodes.find((n) => n.id === 'dense1')?.params).toMatchObject({
    units: 6,
    activation: 'tanh',
  });

  await page.reload();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page).toHaveTitle('untitled — untitled.loom — Layerloom');
  await expect(node(page, 'dense1', 'Dense')).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await toolbarButton(page, 'Open').click();
  await (await chooser).setFiles(path);
  await expect(page).toHaveTitle('two_tower — two-tower.loom — Layerloom');
  await expect(node(page, 'dense1', 'Dense')).toBeVisible();
  expect(await snapshot(page)).toEqual(before);
  await summaryRow(page, 'dense1').click();
  await expect(inspector(page).getByLabel('Units', { exact: true })).toHaveValue('6');
  await expect(inspector(page).getByLabel('Activation', { exact: true })).toHaveValue('tanh');
  await expect(dirtyMarker(page)).toHaveCount(0);
});

test('a file that does not open is reported and the current work is kept', async ({ page }) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  await editTwoTower(page);
  const before = await snapshot(page);

  // Unsaved changes: Open asks first; Cancel keeps everything.
  await toolbarButton(page, 'Open').click();
  const confirm = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();

  const chooser = page.waitForEvent('filechooser');
  await toolbarButton(page, 'Open').click();
  await confirm.getByRole('button', { name: 'Discard changes' }).click();
  await (
    await chooser
  ).setFiles({
    name: 'broken.loom',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "schemaVersion": 1,\n  "nodes": [\n'),
  });
  const report = page.getByRole('dialog', { name: 'Could not open broken.loom' });
  await expect(report.getByRole('alert')).toContainText('not valid JSON');
  await expect(report.getByRole('alert')).toContainText('broken.loom');
  await report.getByRole('button', { name: 'OK' }).click();
  await expect(report).toBeHidden();
  expect(await snapshot(page)).toEqual(before);
  await expect(dirtyMarker(page)).toBeVisible();
});

test('unsaved work is offered back after a reload, and can be discarded', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.accept();
  });
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  await editTwoTower(page);
  const before = await snapshot(page);

  await page.reload();
  // Leaving with unsaved changes asked the browser to confirm.
  expect(dialogs).toContain('beforeunload');
  const offer = page.getByRole('dialog', { name: 'Restore unsaved work?' });
  await expect(offer).toContainText(/Restore unsaved work from .+ \(two-tower\.loom\)\?/);
  await offer.getByRole('button', { name: 'Restore' }).click();
  await expect(offer).toBeHidden();
  expect(await snapshot(page)).toEqual(before);
  await expect(dirtyMarker(page)).toBeVisible();
  await expect(page).toHaveTitle('• two_tower — two-tower.loom — Layerloom');

  await page.reload();
  await offer.getByRole('button', { name: 'Discard' }).click();
  await expect(offer).toBeHidden();
  await expect(node(page, 'dense1', 'Dense')).toHaveCount(0);
  await expect(page).toHaveTitle('untitled — untitled.loom — Layerloom');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Layers' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

/**
 * The file chooser `act` opens. Headless Chromium now and then loses the O of a Ctrl+O sent right
 * after a dialog closed (seen about once in 15 runs: the page got the Control keydown and never the
 * O), so a chooser that does not come within 5 s gets one more try, as a user would press again.
 */
async function chooserFrom(page: Page, act: () => Promise<void>): Promise<FileChooser> {
  for (let attempt = 1; ; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 5_000 });
    await act();
    try {
      return await chooser;
    } catch (e) {
      if (attempt === 2) throw e;
    }
  }
}

test('Ctrl+S saves and Ctrl+O opens from the keyboard', async ({ page }, testInfo) => {
  await page.goto('/');
  await newFromTemplate(page, 'Linear regression');
  await summaryRow(page, 'dense').click();
  await setField(page, 'Units', '3');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const path = testInfo.outputPath('lr.loom');
  await (await download).saveAs(path);
  await expect(dirtyMarker(page)).toHaveCount(0);

  // New and Open are not taken from a focused field (Save is); leave the inspector first.
  await focusBody(page);
  await page.keyboard.press('Control+n');
  await page
    .getByRole('dialog', { name: 'New project' })
    .getByRole('button', { name: 'Blank' })
    .click();
  await expect(node(page, 'dense', 'Dense')).toHaveCount(0);
  await (await chooserFrom(page, () => page.keyboard.press('Control+o'))).setFiles(path);
  await expect(summaryRow(page, 'dense')).toContainText('(None, 3)');
});
