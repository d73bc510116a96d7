// `npm start`: launches the desktop app when the Electron binary is installed; otherwise serves the
// same renderer as a web app with Vite's dev server and stays in the foreground.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electronBinary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const viteConfig = path.join(root, 'vite.config.ts');

async function startDesktop(binary) {
  const { build } = await import('vite');
  const { buildElectron } = await import('./build.mjs');
  await build({ configFile: viteConfig, logLevel: 'warn' });
  await buildElectron();
  const child = spawn(binary, [root], { stdio: 'inherit', cwd: root });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

async function startWeb() {
  const { createServer } = await import('vite');
  const server = await createServer({ configFile: viteConfig, logLevel: 'warn' });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://localhost:${server.config.server.port}/`;
  console.log(
    `Electron binary not available on this machine — serving Layerloom as a web app at ${url.replace(/\/$/, '')}`,
  );
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const binary = findElectronBinary(root);
await (binary ? startDesktop(binary) : startWeb());
