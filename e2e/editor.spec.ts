import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { connect, dragNode, handle, node } from './bench/canvasDriver.ts';
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
} from './editorDriver.ts';

// The editor shell with real mouse and keyboard input: undo/redo over mixed edits, the inspector's
// generated form and its validation, and the summary tab.

test.use({
  viewport: { width: 1500, height: 900 },
  permissions: ['clipboard-read', 'clipboard-write'],
});

const undoButton = (page: Page) => toolbarButton(page, 'Undo');
const redoButton = (page: Page) => toolbarButton(page, 'Redo');

async function selectNode(page: Page, name: string, type: string): Promise<void> {
  await node(page, name, type).click();
  await expect(inspector(page).getByLabel('Name', { exact: true })).toHaveValue(name);
}

test('undo and redo walk through ten mixed edits and end where they started', async ({ page }) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  await expect(undoButton(page)).toBeDisabled();
  const startSummary = await copySummary(page);
  const startPositions = await nodePositions(page);
  const palette = page.getByRole('complementary', { name: 'Palette' });

  // 1. add a Dense (double-click in the palette; it is selected)
  await palette.getByRole('button', { name: 'Dense', exact: true }).dblclick();
  await expect(node(page, 'dense', 'Dense')).toBeVisible();
  // 2. its units, 3. its activation
  await setField(page, 'Units', '5');
  await inspector(page).getByLabel('Activation', { exact: true }).selectOption('relu');
  // 4. wire input → dense
  await connect(page, 'input', 'dense input');
  await expect(handle(page, 'dense input')).toBeVisible();
  await expect(summaryRow(page, 'dense')).toContainText('(None, 5)');
  // 5. move it
  await dragNode(page, 'dense', 'Dense', 0, 160);
  // 6. dense2's units
  await selectNode(page, 'dense2', 'Dense');
  await setField(page, 'Units', '3');
  // 7. move dense1
  await dragNode(page, 'dense1', 'Dense', -60, -30);
  // 8. add a Dropout, 9. delete it
  await palette.getByRole('button', { name: 'Dropout', exact: true }).dblclick();
  await expect(node(page, 'dropout', 'Dropout')).toBeVisible();
  await node(page, 'dropout', 'Dropout').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'dropout', 'Dropout')).toHaveCount(0);
  // 10. rename dense3
  await selectNode(page, 'dense3', 'Dense');
  await setField(page, 'Name', 'head');
  await expect(summaryRow(page, 'head')).toBeVisible();

  await expect(dirtyMarker(page)).toBeVisible();
  const endSummary = await copySummary(page);
  const endPositions = await nodePositions(page);
  expect(endSummary).not.toBe(startSummary);
  expect(endPositions).not.toEqual(startPositions);

  await focusBody(page);
  for (let i = 0; i < 10; i++) {
    await expect(undoButton(page)).toBeEnabled();
    await page.keyboard.press('Control+z');
  }
  await expect(undoButton(page)).toBeDisabled();
  await expect(dirtyMarker(page)).toHaveCount(0);
  expect(await nodePositions(page)).toEqual(startPositions);
  expect(await copySummary(page)).toBe(startSummary);

  await focusBody(page);
  for (let i = 0; i < 10; i++) {
    await expect(redoButton(page)).toBeEnabled();
    await page.keyboard.press(i % 2 ? 'Control+y' : 'Control+Shift+z');
  }
  await expect(redoButton(page)).toBeDisabled();
  expect(await nodePositions(page)).toEqual(endPositions);
  expect(await copySummary(page)).toBe(endSummary);

  // And back once more with the toolbar button.
  for (let i = 0; i < 10; i++) await undoButton(page).click();
  await expect(undoButton(page)).toBeDisabled();
  expect(await nodePositions(page)).toEqual(startPositions);
  expect(await copySummary(page)).toBe(startSummary);
});

test('the inspector validates inline and keeps the typed text while it is invalid', async ({
  page,
}) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  await summaryRow(page, 'dense1').click();
  const units = inspector(page).getByLabel('Units', { exact: true });
  await expect(units).toHaveValue('1');
  const alert = inspector(page).getByRole('alert');

  await units.fill('0');
  await expect(alert).toHaveText('units must be at least 1');
  await expect(units).toHaveAttribute('aria-invalid', 'true');
  await units.press('Tab');
  await expect(units).toHaveValue('0');
  await expect(alert).toHaveText('units must be at least 1');
  // The document keeps its last valid value.
  await expect(summaryRow(page, 'dense1')).toContainText('(None, 1)');

  await units.fill('2.5');
  await expect(alert).toHaveText('units must be a whole number');
  await units.fill('abc');
  await expect(alert).toHaveText("'abc' is not a whole number.");
  await units.fill('8');
  await expect(alert).toHaveCount(0);
  await expect(summaryRow(page, 'dense1')).toContainText('(None, 8)');
  await expect(summaryRow(page, 'dense1').getByRole('cell').nth(2)).toHaveText('24');

  const name = inspector(page).getByLabel('Name', { exact: true });
  await name.fill('dense2');
  await expect(alert).toHaveText("'dense2' is already used by another layer.");
  await name.fill('tower_a');
  await expect(alert).toHaveCount(0);
  await expect(summaryRow(page, 'tower_a')).toBeVisible();

  await summaryRow(page, 'input').click();
  const shape = inspector(page).getByLabel('Shape', { exact: true });
  await shape.fill('4, x');
  await expect(alert).toHaveText(
    "'4, x' is not a list of whole numbers; write e.g. 784 or 28, 28.",
  );
  await shape.fill('0');
  await expect(alert).toHaveText('each dimension must be a positive integer');
  await shape.fill('4');
  await expect(summaryRow(page, 'input')).toContainText('(None, 4)');

  // Initializer: choosing random_normal shows its arguments, validated by the same schema.
  await summaryRow(page, 'dense2').click();
  await inspector(page)
    .getByLabel('Kernel initializer', { exact: true })
    .selectOption('random_normal');
  const stddev = inspector(page).getByLabel('Kernel initializer std. dev.', { exact: true });
  await expect(stddev).toHaveValue('0.05');
  await stddev.fill('-1');
  await expect(alert).toHaveText('stddev must be ≥ 0');
});

test('editing several layers of one type changes all of them in one undo step', async ({
  page,
}) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  await node(page, 'dense1', 'Dense').click();
  await node(page, 'dense2', 'Dense').click({ modifiers: ['Control'] });
  await expect(inspector(page).getByRole('heading', { name: '2 Dense layers' })).toBeVisible();
  const units = inspector(page).getByLabel('Units', { exact: true });
  await expect(units).toHaveAttribute('placeholder', 'mixed');
  await units.fill('7');
  await units.press('Tab');
  await expect(summaryRow(page, 'dense1')).toContainText('(None, 7)');
  await expect(summaryRow(page, 'dense2')).toContainText('(None, 7)');
  await undoButton(page).click();
  await expect(summaryRow(page, 'dense1')).toContainText('(None, 1)');
  await expect(summaryRow(page, 'dense2')).toContainText('(None, 2)');
  await expect(undoButton(page)).toBeDisabled();
});

test('summary rows select their layer; the model status lists errors that select', async ({
  page,
}) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  await summaryRow(page, 'dense2').click();
  await expect(page.locator('.react-flow__node.selected .layer-node')).toHaveAttribute(
    'aria-label',
    'dense2 (Dense)',
  );
  await expect(summaryRow(page, 'dense2')).toHaveClass(/is-selected/);
  await expect(inspector(page).getByLabel('Name', { exact: true })).toHaveValue('dense2');

  // Make the model invalid: the summary says so and lists the error, which selects its layer.
  await page
    .getByRole('complementary', { name: 'Palette' })
    .getByRole('button', { name: 'Dense', exact: true })
    .dblclick();
  await expect(page.getByText('The model is invalid')).toBeVisible();
  // With nothing selected, the inspector shows the model status and the same errors.
  await page.locator('.canvas .react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(inspector(page).getByRole('status')).toHaveText(/^\d+ errors?$/);
  const error = inspector(page)
    .getByRole('list', { name: 'Model errors' })
    .getByRole('button')
    .first();
  await expect(error).toContainText('dense');
  await error.click();
  await expect(inspector(page).getByLabel('Name', { exact: true })).toHaveValue('dense');
});

test('"Copy as text" is exactly the CLI summary of the two-tower template', async ({ page }) => {
  const cli = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'engine/cli/main.ts', 'summary', 'assets/examples/two-tower.loom'],
    { encoding: 'utf8' },
  );
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  expect(await copySummary(page)).toBe(cli.replace(/\n$/, ''));
});

test('Concatenate inputs are reordered from the inspector, one undo step per move', async ({
  page,
}) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  await summaryRow(page, 'concat').click();
  const inputs = inspector(page).getByRole('list', { name: 'Inputs' });
  await expect(inputs.getByRole('listitem')).toHaveText([/^dense1/, /^dense2/]);
  await expect(inspector(page).getByRole('button', { name: 'Move dense1 up' })).toBeDisabled();
  await inspector(page).getByRole('button', { name: 'Move dense2 up' }).click();
  await expect(inputs.getByRole('listitem')).toHaveText([/^dense2/, /^dense1/]);
  await expect(summaryRow(page, 'concat').getByRole('cell').nth(3)).toHaveText(
    'dense2[0][0]\ndense1[0][0]',
  );
  await undoButton(page).click();
  await expect(inputs.getByRole('listitem')).toHaveText([/^dense1/, /^dense2/]);
  await expect(undoButton(page)).toBeDisabled();
});

test('panels resize by dragging or with the keyboard and keep their size', async ({ page }) => {
  await page.goto('/');
  const splitter = page.getByRole('separator', { name: 'Resize palette' });
  const palette = page.getByRole('complementary', { name: 'Palette' });
  const start = Number(await splitter.getAttribute('aria-valuenow'));
  const width0 = (await palette.boundingBox())!.width;

  await splitter.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(start + 32));
  expect((await palette.boundingBox())!.width).toBeCloseTo(width0 + 32, 0);

  const box = (await splitter.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 30, box.y + 200, { steps: 3 });
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + 200, { steps: 3 });
  await page.mouse.up();
  await expect(splitter).toHaveAttribute('aria-valuenow', String(start + 92));

  const dock = page.getByRole('separator', { name: 'Resize dock' });
  const dockStart = Number(await dock.getAttribute('aria-valuenow'));
  await dock.focus();
  await page.keyboard.press('ArrowUp');
  await expect(dock).toHaveAttribute('aria-valuenow', String(dockStart + 16));

  await page.reload();
  await expect(splitter).toHaveAttribute('aria-valuenow', String(start + 92));
  await expect(dock).toHaveAttribute('aria-valuenow', String(dockStart + 16));
});

test('a dragged node carries its edges with it while the mouse moves, and one undo puts it back', async ({
  page,
}) => {
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  const label = page.locator('.shape-edge__label', { hasText: '(None, 3)' });
  const before = (await label.boundingBox())!;
  const start = await nodePositions(page);
  // The minimap's rectangles, in flow units.
  const mini = () =>
    page
      .getByRole('img', { name: 'Minimap' })
      .locator('.react-flow__minimap-node')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('y'))));
  const miniBefore = await mini();
  const box = (await node(page, 'dense3', 'Dense').boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 40, box.y + 112, { steps: 6 });
  // Mid-drag: the label of the node's incoming edge has moved with it, and so has the node's
  // minimap rectangle (only that one); nothing is committed yet.
  await expect.poll(async () => (await label.boundingBox())!.y - before.y).toBeGreaterThan(20);
  const miniMoves = async () =>
    (await mini()).map((y, i) => y - miniBefore[i]).filter((d) => d !== 0);
  await expect.poll(async () => (await miniMoves()).length).toBe(1);
  expect((await miniMoves())[0]).toBeGreaterThan(20);
  await expect(undoButton(page)).toBeDisabled();
  await page.mouse.up();
  await expect(undoButton(page)).toBeEnabled();
  expect(await nodePositions(page)).not.toEqual(start);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => nodePositions(page)).toEqual(start);
  await expect
    .poll(async () => Math.round((await label.boundingBox())!.y))
    .toBe(Math.round(before.y));
});
