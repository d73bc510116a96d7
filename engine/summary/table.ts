// The Keras 3 model summary as data for a UI: headers, one row per layer in Keras order with the
// exact cell texts keras/src/utils/summary_utils.py puts in its table, and the parameter totals
// with their float32 memory sizes. format.ts draws the same table as plain text.
import { graphIsSequentialLike, mapGraph } from './kerasOrder.ts';
import type { ParamTotal, SummaryLayer, SummaryModel, SummaryRow, SummaryTable } from './types.ts';

/** Bytes per parameter: every weight is float32. */
export const BYTES_PER_PARAM = 4;

const SEQUENTIAL = {
  header: ['Layer (type)', 'Output Shape', 'Param #'],
  align: ['left', 'left', 'right'] as const,
  positions: [0.45, 0.8, 1.0],
  defaultLineLength: 88,
};
const FUNCTIONAL = {
  header: ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'],
  align: ['left', 'left', 'right', 'left'] as const,
  positions: [0.3, 0.56, 0.74, 1.0],
  defaultLineLength: 108,
};

/** Builds the summary table of a functional model (layers in Keras order, totals, headers). */
export function summaryTable(model: SummaryModel): SummaryTable {
  const graph = mapGraph(model);
  const sequentialLike = graphIsSequentialLike(graph);
  const layout = sequentialLike ? SEQUENTIAL : FUNCTIONAL;
  const rows = graph.layers.map((layer) => summaryRow(layer, sequentialLike));
  let total = 0;
  let trainable = 0;
  for (const layer of graph.layers) {
    total += layer.params;
    trainable += layer.trainableParams;
  }
  return {
    title: `Model: "${model.name}"`,
    sequentialLike,
    header: [...layout.header],
    align: [...layout.align],
    positions: [...layout.positions],
    defaultLineLength: layout.defaultLineLength,
    rows,
    totals: {
      total: paramTotal(total),
      trainable: paramTotal(trainable),
      nonTrainable: paramTotal(total - trainable),
    },
  };
}

function summaryRow(layer: SummaryLayer, sequentialLike: boolean): SummaryRow {
  // Each layer is called once and has one output, so every connection is [node 0][tensor 0].
  const connectedTo = layer.inbound.map((name) => `${name}[0][0]`);
  const cells = [
    `${layer.name} (${layer.className})`,
    formatOutputShape(layer.outputShape),
    formatCount(layer.params),
  ];
  if (!sequentialLike) cells.push(connectedTo.length > 0 ? connectedTo.join(', ') : '-');
  return { layerName: layer.name, cells, connectedTo };
}

/**
 * A shape as the Keras 3 summary prints it: '(None, 2)'. Unlike a Python tuple, a rank-1 shape
 * prints as '(None)', because summary_utils joins the dims itself.
 */
export function formatOutputShape(shape: readonly (number | null)[]): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
}

/** An integer with thousands separators, like Python's f"{n:,}": 407050 → '407,050'. */
export function formatCount(n: number): string {
  const digits = BigInt(Math.trunc(n)).toString();
  const sign = digits.startsWith('-') ? '-' : '';
  return sign + digits.slice(sign.length).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A count with its float32 memory size, e.g. 13 → { count: 13, bytes: 52, text: '13 (52.00 B)' }. */
export function paramTotal(count: number): ParamTotal {
  const bytes = count * BYTES_PER_PARAM;
  return { count, bytes, text: `${formatCount(count)} (${readableMemorySize(bytes)})` };
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/**
 * Keras's readable_memory_size: divide by 1024 while the result stays ≥ 1, two decimals.
 * 52 → '52.00 B', 1628200 → '1.55 MB'. Past PB it keeps dividing once more, as Keras does.
 */
export function readableMemorySize(bytes: number): string {
  let exponent = 0;
  for (const unit of UNITS) {
    if (bytes / 1024 ** (exponent + 1) < 1) return `${fixed2(bytes, exponent)} ${unit}`;
    exponent++;
  }
  return `${fixed2(bytes, exponent)} ${UNITS[UNITS.length - 1]}`;
}

/**
 * bytes / 1024^exponent with two decimals, rounded like Python's '{:.2f}': exactly, with ties to
 * even (4.125 → '4.12', where JavaScript's toFixed would say '4.13').
 */
function fixed2(bytes: number, exponent: number): string {
  if (!Number.isSafeInteger(bytes)) return (bytes / 1024 ** exponent).toFixed(2);
  const negative = bytes < 0;
  const numerator = BigInt(Math.abs(bytes)) * 100n;
  const denominator = 1024n ** BigInt(exponent);
  let hundredths = numerator / denominator;
  const twiceRemainder = (numerator % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && hundredths % 2n === 1n))
    hundredths += 1n;
  const text = hundredths.toString().padStart(3, '0');
  const sign = negative && hundredths !== 0n ? '-' : '';
  return `${sign}${text.slice(0, -2)}.${text.slice(-2)}`;
}
