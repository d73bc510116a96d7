import { _electron as electron, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Drives the real desktop app where the Electron binary exists. The binary is located by reading
// node_modules/electron/path.txt, never by require('electron'), which would start a download.

const root = process.cwd();

function electronBinary(): string | null {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = path.join(pkg, 'dist', relative);
  return relative !== '' && existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) console.log('skipped: no Electron binary');

test.describe('desktop app', () => {
  test.skip(!binary, 'no Electron binary: node_modules/electron/dist was never downloaded');

  test.beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'electron', 'build.mjs')], {
      stdio: 'inherit',
    });
  });

  test('opens a sandboxed window on app:// showing Layerloom', async () => {
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      // Chromium refuses to run as root with its sandbox on; only then is it switched off.
      args: [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: root,
    });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toBe('app://layerloom/index.html');
      await expect(page.getByRole('heading', { level: 1, name: 'Layerloom' })).toBeVisible();
      const exposed = await page.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        bridge: Object.keys((window as unknown as { layerloom?: object }).layerloom ?? {}),
      }));
      expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: ['version'] });
      await expect(page.getByText(/^desktop \d+\.\d+\.\d+/)).toBeVisible();
      const opened = await page.evaluate(() => window.open('https://example.com/') === null);
      expect(opened).toBe(true);
    } finally {
      await app.close();
    }
  });
});
