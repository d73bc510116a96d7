// Drives the canvas with real mouse and keyboard input, for the canvas e2e tests and the canvas
// benchmark. Locates things the way a user sees them: palette buttons, node cards, handles.
import { expect, type Locator, type Page } from '@playwright/test';

/** The React Flow pane of the canvas. */
export function pane(page: Page): Locator {
  return page.locator('.canvas .react-flow__pane');
}

/** A layer node card by its name and type, e.g. node(page, 'dense_1', 'Dense'). */
export function node(page: Page, name: string, type: string): Locator {
  return page.locator(`.layer-node[aria-label="${name} (${type})"]`);
}

/** A handle by its accessible label, e.g. 'dense output', 'concatenate input 2'. */
export function handle(page: Page, label: string): Locator {
  return page.locator(`.react-flow__handle[aria-label="${label}"]`);
}

/** All edge labels as shown (one per edge). */
export async function edgeLabels(page: Page): Promise<string[]> {
  return page.locator('.shape-edge__label').allTextContents();
}

async function centre(l: Locator): Promise<{ x: number; y: number }> {
  await expect(l).toBeVisible();
  const box = (await l.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a palette item onto the canvas at (dx, dy) from the canvas's top-left corner. */
export async function dropLayer(page: Page, type: string, dx: number, dy: number): Promise<void> {
  const item = page.getByRole('complementary', { name: 'Palette' }).getByRole('button', {
    name: type,
    exact: true,
  });
  await item.dragTo(pane(page), { targetPosition: { x: dx, y: dy } });
}

/** Drags from `from`'s centre to `to`'s centre with the mouse button held. */
export async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await centre(from);
  const b = await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

/** Drags a node card by its header (dx, dy) pixels with the mouse, in two legs. */
export async function dragNode(page: Page, name: string, type: string, dx: number, dy: number) {
  const box = (await node(page, name, type).boundingBox())!;
  const x = box.x + 40;
  const y = box.y + 12;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

/** Connects `source`'s output to the input handle labelled `input`. */
export async function connect(page: Page, source: string, input: string): Promise<void> {
  await dragBetween(page, handle(page, `${source} output`), handle(page, input));
}

/** The top-left of a node card in page pixels. */
export async function topLeft(l: Locator): Promise<{ x: number; y: number }> {
  await expect(l).toBeVisible();
  const box = (await l.boundingBox())!;
  return { x: box.x, y: box.y };
}
