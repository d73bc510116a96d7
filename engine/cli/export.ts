// `layerloom export <project> --format F --out PATH`: writes the project's weights (stored, or
// initialised from its seed) in a format other tools load. Every file is written atomically; for
// tfjs the shards go first and model.json last, so a loader never sees a model.json whose shards
// are missing.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseProjectText } from '../document/parse.ts';
import { LoomError } from '../errors.ts';
import { EXPORT_FORMATS, exportProject, parseExportFormat } from '../export/index.ts';
import { parseArgs } from './args.ts';
import { readBytes, writeAtomic } from './files.ts';

const FLAGS = { format: 'string', out: 'string' } as const;

/** Exports one project; prints what was written. */
export async function exportCommand(
  argv: readonly string[],
  out: NodeJS.WritableStream,
): Promise<number> {
  const { positionals, flags } = parseArgs(argv, FLAGS);
  const usage = `Write: layerloom export model.loom --format ${EXPORT_FORMATS.join('|')} --out PATH`;
  if (positionals.length !== 1)
    throw new LoomError('cli/usage', 'export takes exactly one project file', {}, usage);
  if (flags.format === undefined)
    throw new LoomError('cli/usage', 'export needs --format', {}, usage);
  if (flags.out === undefined) throw new LoomError('cli/usage', 'export needs --out', {}, usage);
  const format = parseExportFormat(String(flags.format));
  const file = positionals[0];
  const target = String(flags.out);
  const doc = parseProjectText(new TextDecoder().decode(readBytes(file)), { file });
  const stem = basename(target).replace(/\.[^.]*$/, '') || 'model';
  const result = await exportProject(doc, format, { stem });
  if (result.kind === 'file') {
    writeAtomic(target, result.bytes);
    out.write(`Wrote ${target} (${format}, ${result.bytes.length} bytes)\n`);
    return 0;
  }
  mkdirSync(target, { recursive: true });
  const names = [...result.files.keys()].sort((a, b) =>
    a === 'model.json' ? 1 : b === 'model.json' ? -1 : a < b ? -1 : 1,
  );
  for (const name of names) writeAtomic(join(target, name), result.files.get(name)!);
  out.write(`Wrote ${target}/ (${format}: ${names.join(', ')})\n`);
  return 0;
}
