// Finds the installed Electron executable without ever starting a download (which
// `require('electron')` does when the binary is missing). Shared by start.mjs and dist.mjs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The Electron executable under `root`/node_modules/electron, or null when never downloaded. */
export function findElectronBinary(root) {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return null;
  const binary = path.join(pkg, 'dist', relative);
  return existsSync(binary) ? binary : null;
}
