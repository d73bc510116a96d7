// How Layerloom launches headless Chromium (tests, benchmarks): one place for the flags and for
// finding a browser without downloading one.
import { existsSync } from 'node:fs';

/** Chromium flags: headless, quiet on a closed network, and WebGL2 through SwiftShader without a GPU. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Headless machines have no GPU: WebGL2 comes from SwiftShader, which Chromium only enables
  // for WebGL when explicitly asked.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** CHROMIUM_PATH, else the system /usr/bin/chromium, else undefined (Playwright's own browser). */
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}
