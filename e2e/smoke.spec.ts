import { expect, test } from '@playwright/test';

// The web build loads under the desktop CSP, shows the shell, and has the GPU features training
// needs (WebGL2 + float render targets).

test('shows the Layerloom shell without CSP violations', async ({ page }) => {
  const violations: string[] = [];
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolations: string[] }).__cspViolations ??= [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations.push(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });

  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { level: 1, name: 'Layerloom' })).toBeVisible();
  await expect(page).toHaveTitle('untitled — untitled.loom — Layerloom');
  await expect(page.getByRole('complementary', { name: 'Palette' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Canvas' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  await expect(page.getByText('web', { exact: true })).toBeVisible();

  violations.push(
    ...(await page.evaluate(
      () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
    )),
  );
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});

test('follows the OS colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(light).toBe('rgb(246, 247, 249)');
  expect(dark).toBe('rgb(21, 24, 29)');
});

test('has WebGL2 with EXT_color_buffer_float', async ({ page }) => {
  await page.goto('/');
  const gl = await page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('webgl2');
    if (!ctx) return null;
    const info = ctx.getExtension('WEBGL_debug_renderer_info');
    return {
      renderer: String(
        info ? ctx.getParameter(info.UNMASKED_RENDERER_WEBGL) : ctx.getParameter(ctx.RENDERER),
      ),
      colorBufferFloat: ctx.getExtension('EXT_color_buffer_float') !== null,
    };
  });
  expect(gl, 'WebGL2 context could not be created').not.toBeNull();
  console.log(`WebGL2 renderer: ${gl?.renderer}`);
  expect(gl?.colorBufferFloat).toBe(true);
});
