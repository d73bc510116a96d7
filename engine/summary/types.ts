// The model summary's input (produced by shape inference) and its table form (read by the UI and
// by the plain-text formatter). Pure data: nothing here computes shapes or parameter counts.

/** One layer as shape inference sees it. */
export interface SummaryLayer {
  /** Unique layer name, e.g. 'dense1'. */
  name: string;
  /** Keras class: 'InputLayer', 'Dense', 'Concatenate', 'Dropout', … */
  className: string;
  /** Output shape with null for the batch dimension, e.g. [null, 2]. */
  outputShape: readonly (number | null)[];
  /** Total parameter count of the layer. */
  params: number;
  trainableParams: number;
  /** Names of the layers feeding it, in input order ([] for an InputLayer). */
  inbound: string[];
}

/** A functional model: layers in document order (any order), plus its inputs and outputs. */
export interface SummaryModel {
  /** Model name, e.g. 'functional'. */
  name: string;
  layers: SummaryLayer[];
  /** Input layer names in model input order. */
  inputs: string[];
  /** Output layer names in model output order. */
  outputs: string[];
}

/** How a column's text is aligned, as Keras asks rich to align it. */
export type SummaryAlign = 'left' | 'right';

/** One table row: a layer, with each cell's text exactly as Keras puts it in the table. */
export interface SummaryRow {
  layerName: string;
  /** One string per header column, before wrapping, e.g. ['dense1 (Dense)', '(None, 2)', '3']. */
  cells: string[];
  /** Inbound connections, one per input tensor, e.g. ['dense1[0][0]', 'dense2[0][0]']; [] for inputs. */
  connectedTo: string[];
}

/** A parameter count with its float32 memory size and the text Keras prints, e.g. '13 (52.00 B)'. */
export interface ParamTotal {
  count: number;
  bytes: number;
  text: string;
}

/** The three totals under the table. */
export interface SummaryTotals {
  total: ParamTotal;
  trainable: ParamTotal;
  nonTrainable: ParamTotal;
}

/** The summary as data: what Keras 3's model.summary() shows, before it is drawn as text. */
export interface SummaryTable {
  /** The title line, e.g. 'Model: "functional"'. */
  title: string;
  /** True when Keras treats the model as a plain stack (no "Connected to" column). */
  sequentialLike: boolean;
  /** Column headers: 'Layer (type)', 'Output Shape', 'Param #' and, unless sequential-like, 'Connected to'. */
  header: string[];
  align: SummaryAlign[];
  /** Right edge of each column as a fraction of the line length (Keras's `positions`). */
  positions: number[];
  /** Keras's default line length for this kind of model on a wide terminal (88 or 108). */
  defaultLineLength: number;
  /** Layers in Keras order (`model.layers`). */
  rows: SummaryRow[];
  totals: SummaryTotals;
}
