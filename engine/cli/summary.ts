// `layerloom summary <project>`: the Keras-exact model summary, or the diagnostics that prevent it.
import { parseProjectText } from '../document/parse.ts';
import { LoomError } from '../errors.ts';
import { inferShapes } from '../graph/infer.ts';
import { formatSummary } from '../summary/format.ts';
import { parseArgs } from './args.ts';
import { readBytes } from './files.ts';

/** Prints the summary of one project; exit code 1 with diagnostics if the model is invalid. */
export function summaryCommand(argv: readonly string[], out: NodeJS.WritableStream): number {
  const { positionals } = parseArgs(argv, {});
  if (positionals.length !== 1)
    throw new LoomError(
      'cli/usage',
      'summary takes exactly one project file',
      {},
      'Write: layerloom summary model.loom',
    );
  const file = positionals[0];
  const doc = parseProjectText(new TextDecoder().decode(readBytes(file)), { file });
  const inf = inferShapes(doc);
  if (!inf.summary) {
    const lines = inf.diagnostics.map((d) => `  error: ${d.message}`);
    throw new LoomError(
      'graph/structure',
      `the model in ${file} is invalid:\n${lines.join('\n')}\n`,
      {},
      'Fix these in the editor.',
    );
  }
  out.write(formatSummary(inf.summary) + '\n');
  return 0;
}
