// `npm run bench`: prints one table of measured speeds and writes bench-results/bench.json.
// Node rows: Layerloom's CPU backend in this process. Browser rows: Layerloom (WebGL2, CPU) and
// TensorFlow.js 4.22 (webgl, wasm, cpu) side by side in one headless Chromium page, on identical
// workloads, initial weights and data. Warm-up steps are excluded; every timed step is
// synchronous (its loss is read back).
import { mkdirSync, readFileSync } from 'node:fs';
import { parseProjectText } from '../document/parse.ts';
import type { Project } from '../document/schema.ts';
import { TrainingSession } from '../session/session.ts';
import { runBrowserBench } from './bench/browser.ts';
import { formatEditorBench, runEditorBench, type EditorBench } from './bench/editor.ts';
import { formatTable, ratioFor, type Row } from './bench/report.ts';
import { timeSteps, type TimingOptions } from './bench/timing.ts';
import { mlpWorkload, twoTowerWorkload, type Workload } from './bench/workloads.ts';
import { writeAtomic } from './files.ts';

function example(name: string): Project {
  return parseProjectText(
    readFileSync(new URL(`../../assets/examples/${name}.loom`, import.meta.url), 'utf8'),
  );
}

function nodeRow(w: Workload, timing: TimingOptions): Promise<Row> {
  const session = new TrainingSession(w.doc, w.data);
  return timeSteps('Layerloom-CPU (Node)', w.name, () => session.step(false).loss, timing);
}

const started = performance.now();
const log = (line: string) =>
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);

const nodeRows = [
  await nodeRow(mlpWorkload(example('mnist-mlp')), { warmup: 5, minSteps: 30 }),
  await nodeRow(twoTowerWorkload(example('two-tower')), {
    warmup: 50,
    minSteps: 1000,
    maxSteps: 1000,
  }),
];
log('Node rows done; starting headless Chromium');

let env: Record<string, string> = {};
let browserRows: Row[] = [];
let browserError: string | null = null;
try {
  ({ env, rows: browserRows } = await runBrowserBench(log));
} catch (e) {
  browserError = e instanceof Error ? e.message.split('\n')[0] : String(e);
  log(`browser benchmark failed: ${browserError}`);
}

log('Training rows done; starting the 500-node editor probe');
let editor: EditorBench | null = null;
let editorError: string | null = null;
try {
  editor = runEditorBench();
} catch (e) {
  editorError = e instanceof Error ? e.message : String(e);
  log(editorError);
}

// Grouped by workload, Node row first.
const order = [...new Set([...browserRows, ...nodeRows].map((r) => r.workload))];
const rows = order.flatMap((w) => [
  ...nodeRows.filter((r) => r.workload === w),
  ...browserRows.filter((r) => r.workload === w),
]);

console.log(formatTable(rows));
console.log(
  [
    '',
    'Layerloom ÷ TF.js: ratio of medians, below 1 = Layerloom faster (WebGL vs webgl, CPU vs cpu, CPU vs wasm).',
    '* fewer than 30 timed steps: 30 would take over 60 s for that pair.',
    'Training steps: TrainingSession.step. On WebGL2 the weights and optimizer state stay on the GPU (one',
    'loss readback per step); on the CPU the Keras optimizer kernels run on the host. (The app’s worker',
    'keeps weights on the host so it can rebuild after a lost WebGL context: about 8 ms more per MLP step.)',
    'matmul: Layerloom uploads both inputs every run, TF.js keeps them on the backend.',
    browserError
      ? `Browser rows missing: ${browserError}`
      : `Chromium: ${env.userAgent}\nWebGL: ${env.webgl}\nTF.js wasm: ${env.wasm}, cross-origin isolated ${env.crossOriginIsolated}`,
    '',
    editor ? formatEditorBench(editor) : `Editor rows missing: ${editorError}`,
    `Total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  ].join('\n'),
);

mkdirSync('bench-results', { recursive: true });
writeAtomic(
  'bench-results/bench.json',
  JSON.stringify(
    {
      date: new Date().toISOString(),
      environment: env,
      ...(browserError ? { browserError } : {}),
      editor: editor ?? { error: editorError },
      rows: rows.map((r) => {
        const ratio = ratioFor(r, rows);
        return ratio ? { ...r, layerloomRatio: ratio.ratio, comparedWith: ratio.versus } : r;
      }),
    },
    null,
    2,
  ) + '\n',
);
console.log('\nWrote bench-results/bench.json');
