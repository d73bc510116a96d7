// Tiny, strict argument parser for the CLI: known flags only, typed values, errors that say which
// flag is wrong and what it expects.
import { LoomError } from '../errors.ts';

/** A flag: boolean (no value), string, or positive integer. */
export type FlagKind = 'boolean' | 'string' | 'int';

/** Parsed arguments: positionals and flags by name (without dashes). */
export interface Parsed {
  positionals: string[];
  flags: Record<string, string | number | boolean>;
}

/** Parses argv against a flag table; `--name value` and `--name=value` both work. */
export function parseArgs(
  argv: readonly string[],
  table: Readonly<Record<string, FlagKind>>,
): Parsed {
  const positionals: string[] = [];
  const flags: Parsed['flags'] = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = table[name];
    if (!kind)
      throw new LoomError(
        'cli/usage',
        `unknown option --${name}`,
        {},
        `Known options: ${Object.keys(table)
          .map((k) => `--${k}`)
          .join(', ')}.`,
      );
    if (kind === 'boolean') {
      if (eq >= 0)
        throw new LoomError('cli/usage', `--${name} takes no value`, {}, `Write just --${name}.`);
      flags[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '')
      throw new LoomError(
        'cli/usage',
        `--${name} needs a value`,
        {},
        `Write --${name} ${kind === 'int' ? 'N' : 'VALUE'}.`,
      );
    if (kind === 'int') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0)
        throw new LoomError(
          'cli/usage',
          `--${name} needs a whole number, got '${value}'`,
          {},
          `Write e.g. --${name} 10.`,
        );
      flags[name] = n;
    } else flags[name] = value;
  }
  return { positionals, flags };
}
