// Turns an inspection (predictions + targets of every row of a split) into what the Predictions
// tab shows per output: classifier or regression, predicted/true classes, confusion matrix,
// misclassified rows, error figures, and the text of table cells. Pure; nothing here renders.
import type { Project } from '../../../engine/document/schema.ts';
import {
  classify,
  confusionMatrix,
  detectTask,
  isCorrect,
  misclassified,
  regressionSummary,
  type Classified,
  type Confusion,
  type RegressionSummary,
  type Task,
} from '../../../engine/train/confusion.ts';
import type { WireRows } from '../../../engine/worker/protocol.ts';
import type { Inspection } from '../training/controller.ts';

/** Rows the table lists (the first ones of the split). */
export const TABLE_ROWS = 50;
/** Misclassified examples drawn at most. */
export const MAX_WRONG = 48;

/** Everything the tab shows about one output. */
export interface OutputAnalysis {
  id: string;
  name: string;
  outputs: WireRows;
  /** Null when the inspection carried no targets for this output. */
  targets: WireRows | null;
  task: Task;
  classified: Classified | null;
  confusion: Confusion | null;
  /** The first MAX_WRONG misclassified row indices. */
  wrong: number[];
  regression: RegressionSummary | null;
}

function rows(r: WireRows): number {
  return r.width > 0 ? Math.floor(r.data.length / r.width) : 0;
}

/** Analyses every output of an inspection, in the document's node order. */
export function analyse(inspection: Inspection, doc: Project): OutputAnalysis[] {
  const names = new Map(doc.nodes.map((n) => [n.id, n.name]));
  const order = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const ids = Object.keys(inspection.outputs).sort(
    (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity),
  );
  return ids.map((id) => {
    const outputs = inspection.outputs[id];
    const targets = inspection.targets[id] ?? null;
    const base = { id, name: names.get(id) ?? id, outputs, targets };
    const usable = targets !== null && rows(targets) === rows(outputs);
    const loss = doc.training.losses[id] ?? doc.training.defaultLoss;
    const task: Task = usable ? detectTask(loss, outputs.width, targets) : { kind: 'regression' };
    if (task.kind === 'classification' && targets) {
      const classified = classify(task, outputs, targets);
      return {
        ...base,
        task,
        classified,
        confusion: confusionMatrix(classified.actual, classified.predicted, task.classes),
        wrong: misclassified(classified.actual, classified.predicted, MAX_WRONG),
        regression: null,
      };
    }
    const regression =
      usable && targets.width === outputs.width ? regressionSummary(outputs, targets) : null;
    return { ...base, task, classified: null, confusion: null, wrong: [], regression };
  });
}

/** Number of rows the inspection holds (the largest over its outputs). */
export function inspectionRows(analyses: readonly OutputAnalysis[]): number {
  return analyses.reduce((n, a) => Math.max(n, rows(a.outputs)), 0);
}

/** True when `a` is a classifier and gets row i wrong. */
export function wrongAt(a: OutputAnalysis, i: number): boolean {
  return a.classified !== null && !isCorrect(a.classified.actual[i], a.classified.predicted[i]);
}

/** True when row i is wrong for any classifier output. */
export function rowIsWrong(analyses: readonly OutputAnalysis[], i: number): boolean {
  return analyses.some((a) => wrongAt(a, i));
}

/** A number with four significant digits (exponent form when tiny or huge). */
export function formatValue(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-4 || a >= 1e6) return x.toExponential(3).replace('e+', 'e');
  return String(Number(x.toPrecision(4)));
}

/** Row i of some rows as text: the value, or the first `max` values in brackets. */
export function formatRow(r: WireRows, i: number, max = 3): string {
  if (r.width === 1) return formatValue(r.data[i]);
  const shown: string[] = [];
  for (let k = 0; k < Math.min(max, r.width); k++) shown.push(formatValue(r.data[i * r.width + k]));
  return `[${shown.join(', ')}${r.width > max ? ', …' : ''}]`;
}

/** Error of row i: prediction − target for one value, the mean absolute error for several. */
export function rowError(outputs: WireRows, targets: WireRows, i: number): number {
  const w = outputs.width;
  if (w === 1) return outputs.data[i] - targets.data[i];
  let sum = 0;
  for (let k = 0; k < w; k++) sum += Math.abs(outputs.data[i * w + k] - targets.data[i * w + k]);
  return sum / w;
}

/** A class index as text ('—' for no class). */
export function classLabel(c: number): string {
  return c >= 0 ? String(c) : '—';
}

/** A fraction as a percentage with one decimal ('—' for NaN). */
export function percent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—';
}
