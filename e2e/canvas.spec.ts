import { expect, test, type Page } from '@playwright/test';
import {
  connect,
  dragBetween,
  dropLayer,
  edgeLabels,
  handle,
  node,
  pane,
  topLeft,
} from './bench/canvasDriver.ts';
import { newFromTemplate, setField } from './editorDriver.ts';

// The canvas with real mouse and keyboard input only: palette drag and drop, wiring by dragging
// between handles, params through the inspector, and the editing shortcuts.

test.use({ viewport: { width: 1600, height: 900 } });

/** Opens the app; the returned list collects page errors and console errors. */
async function open(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/');
  await expect(pane(page)).toBeVisible();
  return errors;
}

async function select(page: Page, name: string, type: string): Promise<void> {
  await node(page, name, type).click();
  await expect(page.locator('.react-flow__node.selected .layer-node')).toHaveAttribute(
    'aria-label',
    `${name} (${type})`,
  );
}

test('builds the two-tower model by dragging from the palette and between handles', async ({
  page,
}) => {
  const errors = await open(page);
  await dropLayer(page, 'Input', 120, 260);
  await dropLayer(page, 'Dense', 420, 140);
  await dropLayer(page, 'Dense', 420, 380);
  await dropLayer(page, 'Concatenate', 720, 260);
  await dropLayer(page, 'Dense', 1000, 260);
  for (const [name, type] of [
    ['input_layer', 'Input'],
    ['dense', 'Dense'],
    ['dense_1', 'Dense'],
    ['concatenate', 'Concatenate'],
    ['dense_2', 'Dense'],
  ])
    await expect(node(page, name, type)).toBeVisible();

  await connect(page, 'input_layer', 'dense input');
  await connect(page, 'input_layer', 'dense_1 input');
  await connect(page, 'dense', 'concatenate input 1');
  // The first connection gave the Concatenate a second, free handle: the order is visible.
  await connect(page, 'dense_1', 'concatenate input 2');
  await connect(page, 'concatenate', 'dense_2 input');
  await expect(page.locator('.shape-edge__label')).toHaveCount(5);

  await select(page, 'input_layer', 'Input');
  await setField(page, 'Shape', '2');
  for (const [name, units] of [
    ['dense', '1'],
    ['dense_1', '2'],
    ['dense_2', '1'],
  ]) {
    await select(page, name, 'Dense');
    await setField(page, 'Units', units);
  }

  await expect
    .poll(async () => (await edgeLabels(page)).sort())
    .toEqual(['(None, 1)', '(None, 2)', '(None, 2)', '(None, 2)', '(None, 3)']);
  await expect(node(page, 'dense_2', 'Dense')).toContainText('(None, 1)');
  await expect(node(page, 'dense_2', 'Dense')).toContainText('4 params');
  await expect(node(page, 'concatenate', 'Concatenate').locator('.layer-node__port')).toHaveText([
    '1',
    '2',
  ]);
  await expect(page.locator('.layer-node__badge')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Summary' }).click();
  const summary = page.getByRole('table', { name: 'Model summary' });
  await expect(summary).toBeVisible();
  for (const [layer, params] of [
    ['dense', '3'],
    ['dense_1', '6'],
    ['concatenate', '0'],
    ['dense_2', '4'],
  ])
    await expect(
      summary
        .getByRole('row')
        .filter({ hasText: `${layer} (` })
        .getByRole('cell')
        .nth(2),
    ).toHaveText(params);
  // The totals are a definition list: "Total params:" then "13 (52.00 B)".
  await expect(page.locator('dt:text-is("Total params:") + dd')).toHaveText('13 (52.00 B)');
  expect(errors).toEqual([]);
});

test('refuses an invalid connection while dragging and says why', async ({ page }) => {
  await open(page);
  await dropLayer(page, 'Input', 150, 200);
  await dropLayer(page, 'Dense', 450, 200);
  const from = await handle(page, 'dense output').boundingBox();
  const to = await handle(page, 'dense input').boundingBox();
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 2, { steps: 8 });
  await expect(page.locator('.canvas__status')).toHaveText('dense cannot feed itself.');
  await page.mouse.up();
  await expect(page.locator('.canvas__status')).toHaveText('');
  await expect(page.locator('.shape-edge__label')).toHaveCount(0);
});

test('shows an error badge on a Concatenate of (None, 2) and a rank-3 tensor', async ({ page }) => {
  await open(page);
  await dropLayer(page, 'Input', 150, 140);
  await dropLayer(page, 'Input', 150, 360);
  await dropLayer(page, 'Concatenate', 500, 250);
  await select(page, 'input_layer', 'Input');
  await setField(page, 'Shape', '2');
  await connect(page, 'input_layer', 'concatenate input 1');
  await connect(page, 'input_layer_1', 'concatenate input 2');
  const concat = node(page, 'concatenate', 'Concatenate');
  await expect(concat).toContainText('(None, 3)');

  await select(page, 'input_layer_1', 'Input');
  await setField(page, 'Shape', '3, 4');
  const badge = concat.getByRole('img', { name: 'Error' });
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAttribute('title', /in0 is \(None, 2\) but in1 is \(None, 3, 4\)/);
  await expect(concat.getByRole('alert')).toHaveCount(0);
  // The summary says the model is invalid instead of showing totals for a broken graph.
  await expect(page.getByText('The model is invalid')).toBeVisible();
  await expect(page.getByText('Total params:')).toHaveCount(0);
  await select(page, 'concatenate', 'Concatenate');
  await expect(concat.getByRole('alert')).toContainText('in1 is (None, 3, 4)');
  await expect(page.locator('.shape-edge__label--error')).toHaveText('(None, 3, 4)');
});

test('copies and pastes the selection with fresh names and its inner edges', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await dropLayer(page, 'Input', 150, 200);
  await dropLayer(page, 'Dense', 450, 200);
  await connect(page, 'input_layer', 'dense input');
  await pane(page).click({ position: { x: 700, y: 600 } });
  await page.keyboard.press('ControlOrMeta+A');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('ControlOrMeta+C');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(node(page, 'input_layer_1', 'Input')).toBeVisible();
  await expect(node(page, 'dense_1', 'Dense')).toBeVisible();
  await expect(page.locator('.shape-edge__label')).toHaveCount(2);
  // The pasted copies are selected and sit one offset below-right of the originals.
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  const a = await topLeft(node(page, 'dense', 'Dense'));
  const b = await topLeft(node(page, 'dense_1', 'Dense'));
  expect(Math.round(b.x - a.x)).toBe(40);
  expect(Math.round(b.y - a.y)).toBe(40);

  // Cut removes the selection; paste puts it back under the same names.
  await page.keyboard.press('ControlOrMeta+X');
  await expect(node(page, 'dense_1', 'Dense')).toHaveCount(0);
  await expect(page.locator('.shape-edge__label')).toHaveCount(1);
  await page.keyboard.press('ControlOrMeta+V');
  await expect(node(page, 'dense_1', 'Dense')).toBeVisible();
  await expect(page.locator('.shape-edge__label')).toHaveCount(2);
});

test('pastes layers copied from another project', async ({ page }) => {
  await open(page);
  await newFromTemplate(page, 'Two-tower');
  await expect(page.locator('.layer-node')).toHaveCount(5);
  await pane(page).click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+C');

  await newFromTemplate(page, 'Blank');
  await expect(page.locator('.layer-node')).toHaveCount(0);
  await pane(page).click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('ControlOrMeta+V');
  // Names are free in the new project, so they are kept; the edges come along.
  await expect(page.locator('.layer-node')).toHaveCount(5);
  await expect(page.locator('.shape-edge__label')).toHaveCount(5);
  await expect(page.locator('.layer-node__badge')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Summary' }).click();
  await expect(page.locator('dt:text-is("Total params:") + dd')).toHaveText('13 (52.00 B)');
});

test('deletes and duplicates the selection', async ({ page }) => {
  await open(page);
  await dropLayer(page, 'Input', 150, 200);
  await dropLayer(page, 'Dense', 450, 200);
  await connect(page, 'input_layer', 'dense input');
  await select(page, 'dense', 'Dense');
  await page.keyboard.press('ControlOrMeta+D');
  await expect(node(page, 'dense_1', 'Dense')).toBeVisible();
  await expect(page.locator('.react-flow__node.selected .layer-node')).toHaveAttribute(
    'aria-label',
    'dense_1 (Dense)',
  );
  await page.keyboard.press('Delete');
  await expect(node(page, 'dense_1', 'Dense')).toHaveCount(0);
  await select(page, 'dense', 'Dense');
  await page.keyboard.press('Backspace');
  await expect(node(page, 'dense', 'Dense')).toHaveCount(0);
  await expect(page.locator('.shape-edge__label')).toHaveCount(0);
  await expect(node(page, 'input_layer', 'Input')).toBeVisible();

  // An edge is selected by clicking its shape label, then deleted on its own.
  await dropLayer(page, 'Dense', 450, 200);
  await connect(page, 'input_layer', 'dense input');
  await page.locator('.shape-edge__label').click();
  await expect(page.locator('.shape-edge--selected')).toHaveCount(1);
  await page.keyboard.press('Delete');
  await expect(page.locator('.shape-edge__label')).toHaveCount(0);
  await expect(node(page, 'dense', 'Dense')).toBeVisible();
});

/** Draws a selection box with Shift held, between two points given from the pane's top-left. */
async function shiftBox(page: Page, x0: number, y0: number, x1: number, y1: number): Promise<void> {
  const box = (await pane(page).boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + x0, box.y + y0);
  await page.mouse.down();
  await page.mouse.move(box.x + x1, box.y + y1, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
}

test('box-selects with Shift+drag, nodes and the edges between them', async ({ page }) => {
  await open(page);
  await dropLayer(page, 'Input', 150, 150);
  await dropLayer(page, 'Dense', 450, 150);
  await dropLayer(page, 'Dense', 450, 450);
  await connect(page, 'input_layer', 'dense input');
  await connect(page, 'dense', 'dense_1 input');
  await expect(page.locator('.shape-edge__label')).toHaveCount(2);
  await shiftBox(page, 20, 60, 650, 300);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await expect(
    page.locator('.react-flow__node.selected .layer-node[aria-label="dense_1 (Dense)"]'),
  ).toHaveCount(0);
  // Only the edge with both ends in the box (input_layer → dense), not dense → dense_1.
  const edges = page.locator('path.shape-edge');
  await expect(page.locator('.shape-edge--selected')).toHaveCount(1);
  await expect(edges.nth(0)).toHaveClass(/shape-edge--selected/);

  // A box replaces the selection, edges included, even when it catches nothing.
  await page.locator('.shape-edge__label').nth(1).click();
  await expect(edges.nth(1)).toHaveClass(/shape-edge--selected/);
  await shiftBox(page, 700, 20, 900, 100);
  await expect(page.locator('.shape-edge--selected')).toHaveCount(0);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);
});

test('connects in the zoomed-out overview: handles show on the selected node and while connecting', async ({
  page,
}) => {
  await open(page);
  await dropLayer(page, 'Input', 150, 150);
  await dropLayer(page, 'Dense', 600, 150);
  await dropLayer(page, 'Dense', 600, 450);
  const canvas = page.locator('.canvas');
  for (let i = 0; i < 10 && !(await canvas.getAttribute('class'))!.includes('canvas--far'); i++)
    await page.getByRole('button', { name: 'Zoom Out' }).click();
  await expect(canvas).toHaveClass(/canvas--far/);
  const from = handle(page, 'input_layer output');
  const to = handle(page, 'dense input');
  await expect(from).toBeHidden();
  await node(page, 'input_layer', 'Input').click();
  await expect(from).toBeVisible();
  await expect(to).toBeHidden();
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 60, a.y + 20, { steps: 5 });
  // Mid-connection every handle shows, the far one included.
  await expect(to).toBeVisible();
  const b = (await to.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.locator('.shape-edge__label')).toHaveCount(1);
  await expect(to).toBeHidden();

  // Click-to-connect too: a click on the selected node's handle shows the targets, a click on one
  // joins them.
  const last = handle(page, 'dense_1 input');
  await node(page, 'dense', 'Dense').click();
  await handle(page, 'dense output').click();
  await expect(last).toBeVisible();
  await last.click();
  await expect(page.locator('.shape-edge__label')).toHaveCount(2);
  await expect(canvas).not.toHaveClass(/canvas--connecting/);
});

test('nudges with the arrow keys, one undo step per key burst', async ({ page }) => {
  await open(page);
  await dropLayer(page, 'Dense', 300, 200);
  await select(page, 'dense', 'Dense');
  const card = node(page, 'dense', 'Dense');
  const start = await topLeft(card);
  await page.keyboard.down('ArrowRight');
  await page.keyboard.down('ArrowRight');
  await page.keyboard.down('ArrowRight');
  await page.keyboard.up('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(async () => (await topLeft(card)).y - start.y).toBe(50);
  expect((await topLeft(card)).x - start.x).toBe(30);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(async () => (await topLeft(card)).y - start.y).toBe(0);
  expect((await topLeft(card)).x - start.x).toBe(30);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(async () => (await topLeft(card)).x - start.x).toBe(0);
});

test('drags a node as one undo step, and onto the grid when snapping', async ({ page }) => {
  await open(page);
  await dropLayer(page, 'Dense', 300, 200);
  const card = node(page, 'dense', 'Dense');
  const start = await topLeft(card);
  await dragBetween(page, card.locator('.layer-node__name'), pane(page));
  const moved = await topLeft(card);
  expect(Math.abs(moved.x - start.x) + Math.abs(moved.y - start.y)).toBeGreaterThan(50);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(async () => (await topLeft(card)).x).toBeCloseTo(start.x, 0);

  // With snapping on, a drag lands on the 16-unit grid (zoom 1, unpanned: pixels = units).
  const snap = page.getByRole('button', { name: 'Snap to grid' });
  await snap.click();
  await expect(snap).toHaveAttribute('aria-pressed', 'true');
  const origin = await topLeft(pane(page));
  const a = await topLeft(card);
  await page.mouse.move(a.x + 20, a.y + 10);
  await page.mouse.down();
  await page.mouse.move(a.x + 97, a.y + 63, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await topLeft(card)).x).not.toBeCloseTo(a.x, 0);
  const snapped = await topLeft(card);
  expect(Math.round(snapped.x - origin.x) % 16).toBe(0);
  expect(Math.round(snapped.y - origin.y) % 16).toBe(0);
});

test('auto-layout puts the layers left to right', async ({ page }) => {
  await open(page);
  // Dropped right to left, so the layout has work to do.
  await dropLayer(page, 'Input', 900, 400);
  await dropLayer(page, 'Dense', 500, 150);
  await dropLayer(page, 'Dense', 150, 400);
  await connect(page, 'input_layer', 'dense input');
  await connect(page, 'dense', 'dense_1 input');
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect
    .poll(async () => {
      const xs = await Promise.all(
        [
          node(page, 'input_layer', 'Input'),
          node(page, 'dense', 'Dense'),
          node(page, 'dense_1', 'Dense'),
        ].map(topLeft),
      );
      return xs[0].x < xs[1].x && xs[1].x < xs[2].x && Math.abs(xs[0].y - xs[2].y) < 2;
    })
    .toBe(true);
});

test('adds layers by quick-add search, double-click and Enter', async ({ page }) => {
  await open(page);
  await page.keyboard.press('/');
  const search = page.getByRole('combobox', { name: 'Search layers' });
  await expect(search).toBeFocused();
  await search.fill('drop');
  await page.keyboard.press('Enter');
  await expect(search).toHaveCount(0);
  await expect(node(page, 'dropout', 'Dropout')).toBeVisible();

  await page.keyboard.press('ControlOrMeta+K');
  await expect(search).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(search).toHaveCount(0);

  const palette = page.getByRole('complementary', { name: 'Palette' });
  await palette.getByRole('button', { name: 'Flatten', exact: true }).dblclick();
  await palette.getByRole('button', { name: 'Flatten', exact: true }).press('Enter');
  await expect(node(page, 'flatten', 'Flatten')).toBeVisible();
  await expect(node(page, 'flatten_1', 'Flatten')).toBeVisible();
  const a = await topLeft(node(page, 'flatten', 'Flatten'));
  const b = await topLeft(node(page, 'flatten_1', 'Flatten'));
  expect(Math.round(b.x - a.x)).toBeGreaterThan(0);
});
