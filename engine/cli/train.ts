// `layerloom train <project>`: trains on the CPU with Keras semantics and Keras-style progress.
// Data comes from --x/--y files or from the project's own data binding.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readDatasetFile } from '../data/index.ts';
import { parseProjectText, serializeProject } from '../document/parse.ts';
import type { Binding, Project } from '../document/schema.ts';
import { LoomError } from '../errors.ts';
import { inferShapes, type Inference } from '../graph/infer.ts';
import { bindData, type ArraySet, type BoundData } from '../session/bind.ts';
import { TrainingSession } from '../session/session.ts';
import { loadSource } from '../session/source.ts';
import { parseArgs } from './args.ts';
import { readBytes, writeAtomic } from './files.ts';
import { progressLine } from './progress.ts';

const FLAGS = {
  x: 'string',
  y: 'string',
  'val-x': 'string',
  'val-y': 'string',
  epochs: 'int',
  'batch-size': 'int',
  seed: 'int',
  'no-shuffle': 'boolean',
  out: 'string',
} as const;

/** Trains a project; prints progress to `out`; writes the trained project with --out. */
export async function trainCommand(
  argv: readonly string[],
  out: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<number> {
  const { positionals, flags } = parseArgs(argv, FLAGS);
  if (positionals.length !== 1)
    throw new LoomError(
      'cli/usage',
      'train takes exactly one project file',
      {},
      'Write: layerloom train model.loom [--epochs N] [--out trained.loom]',
    );
  const file = positionals[0];
  let doc = parseProjectText(new TextDecoder().decode(readBytes(file)), { file });
  doc = withOverrides(doc, flags);
  const inf = inferShapes(doc);
  const data = loadData(
    doc,
    inf,
    file,
    flags.x as string | undefined,
    flags.y as string | undefined,
  );
  const validation =
    flags['val-x'] !== undefined || flags['val-y'] !== undefined
      ? loadData(doc, inf, file, requireFlag(flags, 'val-x'), requireFlag(flags, 'val-y'))
      : undefined;
  const session = new TrainingSession(data.doc, data.bound, { validation: validation?.bound });
  if (session.kept.length)
    out.write(`Starting from the ${session.kept.length} weight tensor(s) stored in the project.\n`);
  const epochs = doc.training.epochs;
  const total = session.batchesPerEpoch;
  for (let e = 0; e < epochs; e++) {
    out.write(`Epoch ${e + 1}/${epochs}\n`);
    const t0 = performance.now();
    let last = 0;
    let running: Record<string, number> = {};
    let seen = 0;
    const sums: Record<string, number> = {};
    const logs = session.runEpoch((r) => {
      seen += r.batchSize;
      for (const [k, v] of Object.entries(r.logs)) sums[k] = (sums[k] ?? 0) + v * r.batchSize;
      running = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / seen]));
      const now = performance.now();
      if (out.isTTY && now - last > 100 && !r.epochEnded) {
        last = now;
        out.write(`\r${progressLine(r.batch + 1, total, (now - t0) / 1000, running)}`);
      }
    });
    out.write(
      `${out.isTTY ? '\r' : ''}${progressLine(total, total, (performance.now() - t0) / 1000, logs)}\n`,
    );
    await new Promise((r) => setImmediate(r));
  }
  if (flags.out !== undefined) {
    writeAtomic(String(flags.out), serializeProject(session.projectWithWeights()));
    out.write(`Saved the trained project to ${flags.out}\n`);
  }
  return 0;
}

function requireFlag(flags: Record<string, unknown>, name: string): string {
  const v = flags[name];
  if (typeof v !== 'string')
    throw new LoomError(
      'cli/usage',
      `--${name} is needed too`,
      {},
      'Give both --val-x and --val-y (or --x and --y).',
    );
  return v;
}

function withOverrides(doc: Project, flags: Record<string, string | number | boolean>): Project {
  const t = { ...doc.training };
  if (flags.epochs !== undefined) t.epochs = Math.max(1, Number(flags.epochs));
  if (flags['batch-size'] !== undefined) t.batchSize = Math.max(1, Number(flags['batch-size']));
  if (flags.seed !== undefined) t.seed = Number(flags.seed);
  if (flags['no-shuffle']) t.shuffle = false;
  return { ...doc, training: t };
}

/** Bound data from --x/--y (both or neither) or from the project's data source. */
function loadData(
  doc: Project,
  inf: Inference,
  file: string,
  x?: string,
  y?: string,
): { doc: Project; bound: BoundData } {
  if (x === undefined && y === undefined) {
    const base = dirname(resolve(file));
    const arrays = loadSource(doc.data.source, (p) => readBytes(resolve(base, p)));
    return { doc, bound: bindData(doc, inf, arrays, { source: file }) };
  }
  if (x === undefined || y === undefined)
    throw new LoomError(
      'cli/usage',
      `--${x === undefined ? 'x' : 'y'} is missing`,
      {},
      'Give both --x and --y, or neither to use the project’s own data.',
    );
  const arrays: ArraySet = {};
  const inputs = bindFile(doc, inf, 'x', x, inf.inputs, arrays, doc.data.inputs);
  const targets = bindFile(doc, inf, 'y', y, inf.outputs, arrays, doc.data.targets);
  const bound = { ...doc, data: { ...doc.data, inputs, targets } };
  return { doc: bound, bound: bindData(bound, inf, arrays, { source: `${x}, ${y}` }) };
}

/**
 * Loads FILE[:names] and binds its arrays to the given nodes: one node takes the chosen (or all)
 * arrays; several nodes take the arrays named after their layer names. Keeps each node's scaling.
 */
function bindFile(
  doc: Project,
  inf: Inference,
  role: 'x' | 'y',
  spec: string,
  nodeIds: readonly string[],
  arrays: ArraySet,
  existing: Record<string, Binding>,
): Record<string, Binding> {
  const { path, names } = splitSpec(spec);
  const ds = readDatasetFile(path, readBytes(path));
  const available = ds.columns ?? Object.keys(ds.arrays);
  const chosen = names ?? available;
  for (const n of chosen)
    if (!(n in ds.arrays))
      throw new LoomError(
        'data/binding',
        `'${n}' is not in the file (it has: ${available.join(', ')})`,
        { file: path, array: n },
        'Use one of the listed names after the colon.',
      );
  for (const n of Object.keys(ds.arrays)) arrays[`${role}:${n}`] = ds.arrays[n];
  const out: Record<string, Binding> = {};
  const nodeName = (id: string) => inf.nodes.get(id)!.node.name;
  if (nodeIds.length === 1) {
    out[nodeIds[0]] = {
      arrays: chosen.map((n) => `${role}:${n}`),
      scale: existing[nodeIds[0]]?.scale ?? 'none',
    };
    return out;
  }
  for (const id of nodeIds) {
    if (!(nodeName(id) in ds.arrays))
      throw new LoomError(
        'data/binding',
        `the model has ${nodeIds.length} ${role === 'x' ? 'inputs' : 'outputs'}, so the file needs an array named after each; '${nodeName(id)}' is missing`,
        { file: path },
        'Save an .npz whose entries are named after the layers.',
      );
    out[id] = { arrays: [`${role}:${nodeName(id)}`], scale: existing[id]?.scale ?? 'none' };
  }
  return out;
}

function splitSpec(spec: string): { path: string; names?: string[] } {
  const colon = spec.lastIndexOf(':');
  if (existsSync(spec) || colon <= 1) return { path: spec };
  return {
    path: spec.slice(0, colon),
    names: spec
      .slice(colon + 1)
      .split(',')
      .filter(Boolean),
  };
}
