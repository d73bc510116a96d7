// Shared steps of the editor, projects, data and training e2e tests, done the way a user does
// them: toolbar buttons, the template gallery, the summary's "Copy as text" and the inspector's
// labelled fields.
import { expect, type Locator, type Page } from '@playwright/test';

/** The inspector pane. */
export function inspector(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Inspector' });
}

/** A button of the main toolbar by its exact name, e.g. 'Undo', 'Save'. */
export function toolbarButton(page: Page, name: string): Locator {
  return page
    .getByRole('navigation', { name: 'Toolbar' })
    .getByRole('button', { name, exact: true });
}

/** A button of the training toolbar by its exact name: 'Step', 'Epoch', 'Run', 'Pause'. */
export function trainingButton(page: Page, name: string): Locator {
  return page.getByRole('toolbar', { name: 'Training' }).getByRole('button', { name, exact: true });
}

/** The title bar's "Unsaved changes" marker. */
export function dirtyMarker(page: Page): Locator {
  return page.getByLabel('Unsaved changes');
}

/**
 * Makes Save and Open use the app's download/upload fallback in `page` (call before goto).
 * Headless Chromium has the File System Access API, but its pickers cannot be driven from a test;
 * Playwright can drive downloads and file choosers.
 */
export async function useDownloadFallback(page: Page): Promise<void> {
  await page.addInitScript(() => {
    for (const name of ['showOpenFilePicker', 'showSaveFilePicker']) {
      delete (Window.prototype as unknown as Record<string, unknown>)[name];
      delete (window as unknown as Record<string, unknown>)[name];
    }
  });
}

/** Starts a new project from a gallery template (New → card). */
export async function newFromTemplate(page: Page, title: string): Promise<void> {
  await toolbarButton(page, 'New').click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByRole('button', { name: title, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** A summary table row by layer name, e.g. summaryRow(page, 'dense1'). */
export function summaryRow(page: Page, layer: string): Locator {
  return page
    .getByRole('table', { name: 'Model summary' })
    .getByRole('row', { name: new RegExp(`^${layer} \\(`) });
}

/** What "Copy as text" puts on the clipboard (the context needs clipboard permissions). */
export async function copySummary(page: Page): Promise<string> {
  // Empty the clipboard first, so the poll below sees this copy and not an earlier one.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByRole('button', { name: 'Copy as text' }).click();
  let text = '';
  await expect
    .poll(async () => (text = await page.evaluate(() => navigator.clipboard.readText())))
    .not.toBe('');
  return text;
}

/** Every node's id and its flow-space transform, sorted: the layout as drawn on the canvas. */
export async function nodePositions(page: Page): Promise<string[]> {
  const all = await page
    .locator('.react-flow__node')
    .evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-id')} ${(e as HTMLElement).style.transform}`),
    );
  return all.sort();
}

/** Types `value` into the inspector field labelled `label` and leaves the field (Tab). */
export async function setField(page: Page, label: string, value: string): Promise<void> {
  const field = inspector(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Tab');
}

/** Moves keyboard focus out of any field, onto the page body. */
export async function focusBody(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Layers' }).click();
}
