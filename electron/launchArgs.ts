// Which project files a launch asks to open: `.loom` paths on the command line (first launch or a
// second instance's argv, forwarded by the single-instance lock). Pure.
import path from 'node:path';

/**
 * The absolute `.loom` paths among `argv` (resolved against `cwd`). Skips the executable, the app
 * folder Electron passes in development, and switches (including Chromium's --flag=value).
 */
export function projectPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || arg.includes('\0')) continue;
    if (!arg.toLowerCase().endsWith('.loom')) continue;
    const abs = path.resolve(cwd, arg);
    if (!out.includes(abs)) out.push(abs);
  }
  return out;
}
