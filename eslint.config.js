// Lint config. The "may import" column of shared/DESIGN.md is enforced here with
// no-restricted-imports, so a wrong import between top-level folders fails `npm test`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'url',
  'util',
  'zlib',
  'stream',
  'worker_threads',
  'http',
  'https',
  'net',
  'process',
  'buffer',
].flatMap((m) => [m, `${m}/*`, `node:${m}`, `node:${m}/*`]);

const folder = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`];

/** One boundary block: files in `files` must not import from the listed folders. */
function boundary(files, forbidden, extra = [], ignores = []) {
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.map((f) => ({
              group: folder(f),
              message: `This folder may not import from ${f}/ (see shared/DESIGN.md, "may import").`,
            })),
            ...extra,
          ],
        },
      ],
    },
  };
}

const noNode = {
  group: nodeBuiltins,
  message:
    'engine/ is pure TypeScript that also runs in a browser; Node built-ins live in engine/cli/ only.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'electron/dist/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
      'release/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  boundary(
    ['engine/**/*.ts'],
    ['renderer', 'electron', 'assets', 'e2e'],
    [noNode],
    ['engine/cli/**', 'engine/**/*.test.ts'],
  ),
  boundary(['engine/cli/**/*.ts', 'engine/**/*.test.ts'], ['renderer', 'electron', 'e2e']),
  boundary(
    ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ['e2e', 'shaders'],
    [
      {
        group: ['**/electron/*', '!**/electron/api', '!**/electron/api.ts'],
        message: 'renderer/ may import only the type-only electron/api.ts.',
      },
    ],
  ),
  boundary(['electron/**/*.ts'], ['renderer', 'e2e', 'shaders']),
  boundary(['e2e/**/*.ts'], ['electron', 'shaders']),
);
