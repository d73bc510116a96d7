import { expect, test } from '@playwright/test';
import { newFromTemplate, summaryRow, trainingButton } from './editorDriver.ts';

// README screenshots: the two-tower and MNIST MLP templates in the light and dark themes, written
// to assets/screenshots/. Runs only on request: SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to regenerate assets/screenshots/');
test.use({ viewport: { width: 1440, height: 900 } });

const shots = [
  { template: 'Two-tower', file: 'two-tower', select: 'concat' },
  { template: 'MNIST MLP', file: 'mnist-mlp', select: 'dense' },
] as const;

for (const shot of shots)
  for (const scheme of ['light', 'dark'] as const)
    test(`${shot.file} in the ${scheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/');
      await newFromTemplate(page, shot.template);
      // A selected layer shows the inspector's generated form next to the graph.
      await summaryRow(page, shot.select).click();
      // A taller dock shows the whole summary, totals included.
      await page.getByRole('separator', { name: 'Resize dock' }).focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
      await page.getByRole('button', { name: 'Fit View' }).click();
      // Let the fit-view animation finish: the node positions on screen stop changing.
      let last = '';
      await expect
        .poll(async () => {
          const now = JSON.stringify(
            await page.locator('.react-flow__viewport').getAttribute('style'),
          );
          const settled = now === last;
          last = now;
          return settled;
        })
        .toBe(true);
      await page.screenshot({ path: `assets/screenshots/${shot.file}-${scheme}.png` });
    });

test('the training walkthrough: two-tower, one Step, its gradients', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await newFromTemplate(page, 'Two-tower');
  await page.getByRole('tab', { name: 'Training', exact: true }).click();
  // A taller dock shows the whole Step view.
  await page.getByRole('separator', { name: 'Resize dock' }).focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
  const step = trainingButton(page, 'Step');
  await step.click();
  await expect(page.getByTestId('step-counter')).toHaveText('1');
  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'assets/screenshots/training-step.png' });
  for (let i = 2; i <= 40; i++) {
    await step.click();
    await expect(page.getByTestId('step-counter')).toHaveText(String(i));
  }
  await page.getByRole('tab', { name: 'Curves' }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'assets/screenshots/training-curves.png' });
});
