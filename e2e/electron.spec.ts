import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Drives the real desktop app where the Electron binary exists. The binary is located by reading
// node_modules/electron/path.txt, never by require('electron'), which would start a download.
// Native dialogs are replaced in the main process with answers chosen by each test; everything
// else (IPC, sender checks, atomic saves, recovery, menus) is the real code.

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

/** The bridge functions, sorted (must equal the methods of LayerloomBridge in electron/api.ts). */
const BRIDGE_KEYS = [
  'clearRecovery',
  'exportFile',
  'importFile',
  'newWindow',
  'onFileOpened',
  'onMenuCommand',
  'open',
  'readRecovery',
  'save',
  'saveAs',
  'setDirty',
  'setTitle',
  'version',
  'writeRecovery',
];

interface Launched {
  app: ElectronApplication;
  page: Page;
  userData: string;
  files: string;
}

const tempDir = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), prefix));

/** Starts the app with fresh (or the given) user-data and files folders; `args` go to the app. */
async function launch({
  userData = tempDir('loom-e2e-ud-'),
  files = tempDir('loom-e2e-files-'),
  args = [] as string[],
} = {}): Promise<Launched> {
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    // Chromium refuses to run as root with its sandbox on; only then is it switched off.
    args: [root, ...args, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    cwd: root,
    env: { ...process.env, LAYERLOOM_USER_DATA: userData },
  });
  const page = await app.firstWindow();
  await expect(page.getByRole('heading', { level: 1, name: 'Layerloom' })).toBeVisible();
  return { app, page, userData, files };
}

/** Makes the next open/save dialog in main answer `file` (null = cancel). */
async function answerDialogs(
  app: ElectronApplication,
  answers: { open?: string | null; save?: string | null },
) {
  await app.evaluate(({ dialog }, a) => {
    const d = dialog as unknown as Record<string, unknown>;
    if (a.open !== undefined) {
      d.showOpenDialog = async () =>
        a.open === null
          ? { canceled: true, filePaths: [] }
          : { canceled: false, filePaths: [a.open] };
    }
    if (a.save !== undefined) {
      d.showSaveDialog = async () =>
        a.save === null ? { canceled: true } : { canceled: false, filePath: a.save };
    }
  }, answers);
}

test.describe('desktop app', () => {
  test.skip(!binary, 'no Electron binary: node_modules/electron/dist was never downloaded');

  test.beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'electron', 'build.mjs')], {
      stdio: 'inherit',
    });
  });

  let run: Launched | null = null;
  test.afterEach(async () => {
    if (!run) return;
    await run.app.close().catch(() => undefined);
    rmSync(run.userData, { recursive: true, force: true });
    rmSync(run.files, { recursive: true, force: true });
    run = null;
  });

  test('opens a sandboxed window on app:// with exactly the typed bridge', async () => {
    run = await launch();
    const { page } = run;
    expect(page.url()).toBe('app://layerloom/index.html');
    const exposed = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      bridge: Object.keys((window as unknown as { layerloom?: object }).layerloom ?? {}).sort(),
    }));
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: BRIDGE_KEYS });
    await expect(page.getByText(/^desktop \d+\.\d+\.\d+/)).toBeVisible();
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
  });

  test('save as, edit, save (keeping .bak), reopen', async () => {
    run = await launch();
    const { app, page, files } = run;
    const file = path.join(files, 'two-tower');
    await answerDialogs(app, { save: file });
    const first = await page.evaluate(() => window.layerloom!.saveAs('two-tower', '{"v":1}'));
    expect(first?.name).toBe('two-tower.loom');
    expect(readFileSync(`${file}.loom`, 'utf8')).toBe('{"v":1}');
    await page.evaluate((h) => window.layerloom!.save(h, '{"v":2}'), first!.handle);
    expect(readFileSync(`${file}.loom`, 'utf8')).toBe('{"v":2}');
    expect(readFileSync(`${file}.loom.bak`, 'utf8')).toBe('{"v":1}');
    expect(readdirSync(files).sort()).toEqual(['two-tower.loom', 'two-tower.loom.bak']);

    await answerDialogs(app, { open: `${file}.loom` });
    const reopened = await page.evaluate(() => window.layerloom!.open());
    expect(reopened).toMatchObject({ name: 'two-tower.loom', text: '{"v":2}' });
    expect(JSON.stringify(reopened)).not.toContain(files);
  });

  test('a forged handle or bad arguments are typed rejections', async () => {
    run = await launch();
    const errors = await run.page.evaluate(async () => {
      const b = window.layerloom!;
      const codes: string[] = [];
      for (const attempt of [
        () => b.save('0'.repeat(32), '{}'),
        () => b.save('/etc/passwd', '{}'),
        () => (b.setDirty as (v: unknown) => Promise<void>)('yes'),
      ]) {
        try {
          await attempt();
          codes.push('resolved');
        } catch (e) {
          codes.push((e as { code: string }).code);
        }
      }
      return codes;
    });
    expect(errors).toEqual(['io/handle', 'ipc/args', 'ipc/args']);
  });

  test('exports bytes and imports them back', async () => {
    run = await launch();
    const { app, page, files } = run;
    const target = path.join(files, 'weights.npz');
    await answerDialogs(app, { save: target, open: target });
    const bytes = [0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const exported = await page.evaluate(
      (b) => window.layerloom!.exportFile('npz', 'weights', new Uint8Array(b)),
      bytes,
    );
    expect(exported).toEqual({ name: 'weights.npz' });
    expect([...readFileSync(target)]).toEqual(bytes);
    const imported = await page.evaluate(async () => {
      const f = await window.layerloom!.importFile(['npz']);
      return f && { name: f.name, bytes: [...f.bytes] };
    });
    expect(imported).toEqual({ name: 'weights.npz', bytes });
  });

  test('a crash-recovery backup appears within 2 s and is offered after a crash', async () => {
    run = await launch();
    const { page, userData } = run;
    await page.evaluate(async () => {
      await window.layerloom!.setTitle('unsaved.loom');
      await window.layerloom!.setDirty(true);
      await window.layerloom!.writeRecovery('{"unsaved":true}');
    });
    const dir = path.join(userData, 'recovery');
    await expect
      .poll(() => (existsSync(dir) ? readdirSync(dir).length : 0), { timeout: 2500 })
      .toBe(1);
    // Simulate a crash: kill the main process without any clean shutdown.
    run.app.process().kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    const again = await launch({ userData, files: run.files });
    run = again;
    const recovered = await again.page.evaluate(() => window.layerloom!.readRecovery());
    expect(recovered).toMatchObject({ name: 'unsaved.loom', text: '{"unsaved":true}' });
    await again.page.evaluate(() => window.layerloom!.clearRecovery());
    expect(readdirSync(dir)).toEqual([]);
  });

  test('menu items reach the renderer as commands', async () => {
    run = await launch();
    const { app, page } = run;
    await page.evaluate(() => {
      (window as unknown as { seen: string[] }).seen = [];
      window.layerloom!.onMenuCommand((c) =>
        (window as unknown as { seen: string[] }).seen.push(c),
      );
    });
    await page.bringToFront();
    await app.evaluate(({ Menu, BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.focus();
      // Commands that open no native dialog (Save would, and nothing here could answer it).
      for (const id of ['menu:zoomIn', 'menu:fit', 'menu:undo']) {
        Menu.getApplicationMenu()?.getMenuItemById(id)?.click();
      }
    });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen))
      .toEqual(['menu:zoomIn', 'menu:fit', 'menu:undo']);
  });

  test('closing with unsaved changes asks first; Cancel keeps the window', async () => {
    run = await launch();
    const { app, page } = run;
    await page.evaluate(() => window.layerloom!.setDirty(true));
    await app.evaluate(({ dialog, BrowserWindow }) => {
      const g = globalThis as unknown as { prompts: string[] };
      g.prompts = [];
      // Answers Cancel (the third button), recording what was asked.
      (dialog as unknown as Record<string, unknown>).showMessageBox = async (
        ...args: unknown[]
      ) => {
        g.prompts.push((args[args.length - 1] as { buttons: string[] }).buttons.join('/'));
        return { response: 2, checkboxChecked: false };
      };
      BrowserWindow.getAllWindows()[0]?.close();
    });
    await page.waitForTimeout(500);
    expect(
      await app.evaluate(() => (globalThis as unknown as { prompts: string[] }).prompts),
    ).toEqual(["Save/Don't Save/Cancel"]);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    expect(
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle()),
    ).toMatch(/Layerloom/);
  });

  test('opening a .loom from the command line loads it into the window', async () => {
    const files = tempDir('loom-e2e-files-');
    const project = path.join(files, 'from-cli.loom');
    writeFileSync(project, readFileSync(path.join(root, 'assets', 'examples', 'two-tower.loom')));
    run = await launch({ files, args: [project] });
    const { app } = run;
    // The renderer takes the queued file and names the window after it.
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle()))
      .toMatch(/from-cli\.loom — Layerloom$/);
  });
});
