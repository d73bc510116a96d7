import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { compile } from '../engine/compile/compile.ts';
import { parseProjectText } from '../engine/document/parse.ts';
import { readSafetensors, writeSafetensors } from '../engine/export/safetensors.ts';
import { initialWeights } from '../engine/session/weights.ts';
import { node } from './bench/canvasDriver.ts';
import {
  dirtyMarker,
  newFromTemplate,
  toolbarButton,
  useDownloadFallback,
} from './editorDriver.ts';

// Export and import with real clicks: Export ▸ safetensors downloads the engine's weights for the
// project; a TF.js zip imports back as the same layers; a weights file with a wrong shape is
// reported by tensor name and shapes and changes nothing, a right one loads as one undo step.

test.use({ viewport: { width: 1500, height: 900 } });

test.beforeEach(({ page }) => useDownloadFallback(page));

const menuButton = (page: Page, name: 'Export' | 'Import') =>
  page
    .getByRole('navigation', { name: 'Toolbar' })
    .getByRole('button', { name: new RegExp(`^${name}`) });

/** Opens Export ▾ or Import ▾ with the mouse and picks an item. */
async function choose(page: Page, menu: 'Export' | 'Import', item: string): Promise<void> {
  await menuButton(page, menu).click();
  await page.getByRole('menu', { name: menu }).getByRole('menuitem', { name: item }).click();
}

/** Exports with a menu item and returns the downloaded file's name and bytes. */
async function exportDownload(page: Page, item: string, path: string) {
  const download = page.waitForEvent('download');
  await choose(page, 'Export', item);
  const file = await download;
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

/** Imports a model file (TF.js zip or .keras) from disk with Import ▸ Model. */
async function importModel(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await choose(page, 'Import', 'Model (TF.js, .zip, .keras)…');
  await (await chooser).setFiles(path);
}

type Tensor = { name: string; shape: readonly number[]; data: Float32Array };

/** Imports `list` as a safetensors file called `name` with Import ▸ Weights. */
async function importWeights(page: Page, name: string, list: readonly Tensor[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await choose(page, 'Import', 'Weights (safetensors, .npz, JSON)…');
  await (
    await chooser
  ).setFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(writeSafetensors(list, {})),
  });
}

/** The engine's weights for the two-tower example, by tensor name '<layer>/<weight>'. */
function twoTowerWeights() {
  const text = readFileSync('assets/examples/two-tower.loom', 'utf8');
  const doc = parseProjectText(text, { file: 'two-tower.loom' });
  const { params } = compile(doc, { mode: 'predict', batchSize: 1 });
  const values = initialWeights(doc, params).values;
  return params.map((p) => ({
    name: `${p.layer}/${p.weight}`,
    shape: [...p.shape],
    data: values.get(p.key)!,
  }));
}

/** Tensors as plain, comparable data, sorted by name. */
function plain(list: readonly Tensor[]) {
  return list
    .map((t) => ({ name: t.name, shape: [...t.shape], data: [...t.data] }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

const tensors = (bytes: Uint8Array) => plain(readSafetensors(bytes).tensors);

const TWO_TOWER_LAYERS: [string, string][] = [
  ['input', 'Input'],
  ['dense1', 'Dense'],
  ['dense2', 'Dense'],
  ['concat', 'Concatenate'],
  ['dense3', 'Dense'],
];

test('Export ▸ safetensors downloads the engine weights of the project', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  // A blank project cannot be exported; the button says why.
  await expect(menuButton(page, 'Export')).toBeDisabled();
  await expect(menuButton(page, 'Export')).toHaveAttribute('title', /no layers/);

  await newFromTemplate(page, 'Two-tower');
  await expect(menuButton(page, 'Export')).toBeEnabled();
  const file = await exportDownload(page, 'safetensors', testInfo.outputPath('w.safetensors'));
  expect(file.name).toBe('two_tower.safetensors');
  const expected = plain(twoTowerWeights());
  expect(expected.length).toBe(6);
  expect(tensors(file.bytes)).toEqual(expected);
});

test('the Export menu works from the keyboard', async ({ page }) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  await menuButton(page, 'Export').focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: 'Export' });
  await expect(menu.getByRole('menuitem', { name: 'JSON weights' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Python script' })).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'safetensors' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton(page, 'Export')).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Keras .keras' })).toBeFocused();
  const download = page.waitForEvent('download');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toBe('two_tower.tfjs.zip');
});

test('a TF.js zip export imports back as the same layers', async ({ page }, testInfo) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  const zipPath = testInfo.outputPath('two_tower.tfjs.zip');
  const zip = await exportDownload(page, 'TensorFlow.js (.zip)', zipPath);
  expect(zip.name).toBe('two_tower.tfjs.zip');

  await newFromTemplate(page, 'Blank');
  for (const [name, type] of TWO_TOWER_LAYERS) await expect(node(page, name, type)).toHaveCount(0);

  await importModel(page, zipPath);
  for (const [name, type] of TWO_TOWER_LAYERS) await expect(node(page, name, type)).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(TWO_TOWER_LAYERS.length);
  await expect(page).toHaveTitle('two_tower — two_tower.loom — Layerloom');

  // The imported project carries the exported weights.
  const again = await exportDownload(page, 'safetensors', testInfo.outputPath('again.safetensors'));
  expect(tensors(again.bytes)).toEqual(plain(twoTowerWeights()));
});

test('a weights file with a wrong shape is reported and changes nothing; a right one is one undo step', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  const undo = toolbarButton(page, 'Undo');
  await expect(undo).toBeDisabled();

  const good = twoTowerWeights().map((t) => ({
    ...t,
    data: t.data.map((v, i) => v * 2 + i),
  }));
  const bad = good.map((t) =>
    t.name === 'dense2/kernel' ? { ...t, shape: [3, 2], data: new Float32Array(6) } : t,
  );

  await importWeights(page, 'bad.safetensors', bad);
  const report = page.getByRole('dialog', { name: 'Could not import bad.safetensors' });
  const alert = report.getByRole('alert');
  await expect(alert).toContainText("'dense2/kernel'");
  await expect(alert).toContainText('[3, 2]');
  await expect(alert).toContainText('[2, 2]');
  await report.getByRole('button', { name: 'OK' }).click();
  await expect(undo).toBeDisabled();
  await expect(dirtyMarker(page)).toHaveCount(0);

  await importWeights(page, 'good.safetensors', good);
  const loaded = page.getByRole('dialog', { name: 'Weights loaded' });
  await expect(loaded.getByRole('alert')).toHaveText(
    'Loaded 6 tensors from good.safetensors into two_tower.',
  );
  await loaded.getByRole('button', { name: 'OK' }).click();
  const exported = await exportDownload(
    page,
    'safetensors',
    testInfo.outputPath('good.safetensors'),
  );
  expect(tensors(exported.bytes)).toEqual(plain(good));

  await undo.click();
  await expect(undo).toBeDisabled();
  const original = await exportDownload(
    page,
    'safetensors',
    testInfo.outputPath('undone.safetensors'),
  );
  expect(tensors(original.bytes)).toEqual(plain(twoTowerWeights()));
});

test.describe('keras', () => {
  // .keras files are HDF5 written by h5wasm (WebAssembly), which the app's CSP allows to compile
  // ('wasm-unsafe-eval'); this runs under the real policy.
  test('Export ▸ Keras .keras downloads an archive that imports back', async ({
    page,
  }, testInfo) => {
    await page.goto('/');
    await newFromTemplate(page, 'Two-tower');
    const kerasPath = testInfo.outputPath('two_tower.keras');
    const keras = await exportDownload(page, 'Keras .keras', kerasPath);
    expect(keras.name).toBe('two_tower.keras');
    expect([...keras.bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);

    await newFromTemplate(page, 'Blank');
    await importModel(page, kerasPath);
    for (const [name, type] of TWO_TOWER_LAYERS) await expect(node(page, name, type)).toBeVisible();
  });
});
