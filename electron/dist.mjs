// `npm run dist`: packages Layerloom for the current platform with electron-builder (config in
// electron-builder.yml). Needs Electron's binary; without it, says so in one line and fails.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electronBinary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (!findElectronBinary(root)) {
  console.error(
    "npm run dist: Electron's binary is not installed (node_modules/electron/dist is missing), so no installer can be built on this machine; run `npx install-electron` where the network allows, then retry.",
  );
  process.exit(1);
}

const { build } = await import('vite');
const { buildElectron } = await import('./build.mjs');
await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
await buildElectron();

// Package the Electron already installed here instead of downloading another copy.
const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
const electronDist = path.join(root, 'node_modules', 'electron', 'dist');
const args = [
  cli,
  '--publish',
  'never',
  `-c.electronDist=${electronDist}`,
  ...process.argv.slice(2),
];
const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
