// Bundles the Electron main process and preload into electron/dist/*.cjs with esbuild.
// The preload runs sandboxed, where only `require('electron')` works, so everything else it
// uses must be inlined into the bundle; `electron` itself is provided by the runtime.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Builds main.cjs and preload.cjs; resolves when both are written. */
export async function buildElectron() {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(here, 'main.ts')],
      outfile: path.join(here, 'dist', 'main.cjs'),
    }),
    build({
      ...common,
      entryPoints: [path.join(here, 'preload.ts')],
      outfile: path.join(here, 'dist', 'preload.cjs'),
    }),
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await buildElectron();
}
