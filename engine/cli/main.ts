// The `layerloom` command line: summary and train. The only Node-specific corner of engine/.
import { relative } from 'node:path';
import { isLoomError } from '../errors.ts';
import { exportCommand } from './export.ts';
import { summaryCommand } from './summary.ts';
import { trainCommand } from './train.ts';

const USAGE = `Usage: layerloom <command> [options]

Commands:
  summary <project.loom>           Print the Keras-style model summary.
  train <project.loom> [options]   Train on the CPU and print Keras-style progress.
      --x FILE[:names]  --y FILE[:names]          features / targets (.npy, .npz, IDX, CSV)
      --val-x FILE[:names]  --val-y FILE[:names]  validation data
      --epochs N  --batch-size N  --seed S  --no-shuffle  --out FILE
  export <project.loom> --format F --out PATH
      F: json | safetensors | npz | tfjs (a folder) | keras | python (a Keras training script)
  FILE:names picks arrays of an .npz or columns of a CSV, comma-separated (e.g. data.csv:Hours).`;

/** Runs the CLI; returns the process exit code. */
export async function main(
  argv: readonly string[],
  out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'summary':
        return summaryCommand(rest, out);
      case 'train':
        return await trainCommand(rest, out);
      case 'export':
        return await exportCommand(rest, out);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        out.write(USAGE + '\n');
        return command === undefined ? 2 : 0;
      default:
        err.write(`layerloom: unknown command '${command}'\n\n${USAGE}\n`);
        return 2;
    }
  } catch (e) {
    if (isLoomError(e)) {
      err.write(`layerloom: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/** Exits quietly when the reader of our output goes away (e.g. `layerloom train … | head`). */
export function exitOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

const invokedDirectly =
  process.argv[1] && relative(process.argv[1], new URL(import.meta.url).pathname) === '';
if (invokedDirectly) {
  exitOnClosedPipe();
  process.exitCode = await main(process.argv.slice(2));
}
