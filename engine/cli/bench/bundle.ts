// esbuild bundling for the browser benchmark and the worker's browser tests: ESM bundles held in
// memory, with Vite's `?raw` imports (the GLSL shaders) loaded as text, as Vite loads them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** Resolves `import src from './x.glsl?raw'` to the file's text. */
const rawPlugin: Plugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)),
      namespace: 'raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

/** Bundles entry points (output name → source path) into ESM; returns output file name → text. */
export async function bundle(
  entryPoints: Record<string, string>,
  opts: { splitting?: boolean; minify?: boolean } = {},
): Promise<Record<string, string>> {
  const out = await build({
    entryPoints,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    splitting: opts.splitting ?? false,
    minify: opts.minify ?? false,
    write: false,
    outdir: 'bundle',
    logLevel: 'silent',
    plugins: [rawPlugin],
  });
  return Object.fromEntries(
    out.outputFiles.map((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), f.text]),
  );
}
