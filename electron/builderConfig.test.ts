// Checks electron-builder.yml without building (Electron's binary cannot be downloaded here): it
// passes electron-builder's own schema, and names files that exist.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  files: Array<{ filter: string[] }>;
  fileAssociations: Array<{ ext: string; role: string }>;
  mac: { target: string; icon: string };
  win: { target: string; icon: string };
  linux: { target: string[]; icon: string };
  directories: { buildResources: string };
}

// electron-builder's loader and validator (app-builder-lib ships with electron-builder).
const { getConfig, validateConfiguration } =
  require('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string): Promise<BuilderConfig>;
    validateConfiguration(config: unknown, logger: { isEnabled: boolean }): Promise<void>;
  };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    const config = await getConfig(root);
    await expect(validateConfiguration(config, { isEnabled: false })).resolves.toBeUndefined();
    // The validator really checks: a misspelt option is refused.
    const misspelt = { ...config, mac: { ...config.mac, icno: 'x.png' } };
    await expect(validateConfiguration(misspelt, { isEnabled: false })).rejects.toThrow(
      /Invalid configuration/,
    );
  });

  it('builds AppImage + deb, dmg and nsis with the app icon', async () => {
    const config = await getConfig(root);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    for (const icon of [config.mac.icon, config.win.icon, config.linux.icon]) {
      expect(pngSize(path.join(root, icon))).toEqual([512, 512]);
    }
    expect(pngSize(path.join(root, 'assets/icons/icon-256.png'))).toEqual([256, 256]);
    expect(existsSync(path.join(root, config.directories.buildResources, 'icon.svg'))).toBe(true);
  });

  it('associates .loom files and ships only the built app and examples', async () => {
    const config = await getConfig(root);
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'loom', role: 'Editor' }),
    ]);
    const files = config.files.flatMap((f) => f.filter);
    expect(files).toEqual(
      expect.arrayContaining([
        'electron/dist/main.cjs',
        'electron/dist/preload.cjs',
        'dist/renderer/**/*',
        'assets/examples/**/*',
        '!node_modules/**/*',
      ]),
    );
    // main.ts loads these two paths at run time; package.json's "main" must be inside `files`.
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(files).toContain(pkg.main);
  });
});
