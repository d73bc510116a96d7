// Sensible bindings for a newcomer: when a model has one Input and one output and the data has an
// obvious features/target pair, bind them with no clicks. Bindings the user made that still fit the
// new data are kept. Pure: reads the document, its inference and array shapes only.
import type { Binding, DataConfig, DataSource, Project } from '../../../engine/document/schema.ts';
import type { Inference } from '../../../engine/graph/infer.ts';
import { bindingProblems } from '../../../engine/session/bindCheck.ts';

/** What auto-binding needs to know about an array. */
export interface ArrayInfo {
  name: string;
  shape: readonly number[];
  dtype: string;
}

type Pair = { features: ArrayInfo[]; target: ArrayInfo };

/** x/y, X/Y, x_train/y_train, …: a features array and the target array with the same suffix. */
function xyPair(arrays: readonly ArrayInfo[]): Pair | null {
  for (const a of arrays) {
    const m = /^x(.*)$/i.exec(a.name);
    if (!m) continue;
    const y = arrays.find((b) => b.name === `y${m[1]}` || b.name === `Y${m[1]}`);
    if (y) return { features: [a], target: y };
  }
  return null;
}

/** The features/target pair the data suggests, or null when it suggests none. */
export function suggestPair(arrays: readonly ArrayInfo[]): Pair | null {
  const byName = (n: string) => arrays.find((a) => a.name === n);
  const images = byName('images');
  const labels = byName('labels');
  if (images && labels) return { features: [images], target: labels };
  const xy = xyPair(arrays);
  if (xy) return xy;
  const columns = arrays.every(
    (a) => a.shape.length === 1 || (a.shape.length === 2 && a.shape[1] === 1),
  );
  if (columns && arrays.length >= 2)
    return { features: arrays.slice(0, -1), target: arrays[arrays.length - 1] };
  return null;
}

/** Default bindings for a model with exactly one Input and one (other) output, or null. */
export function defaultBindings(
  inf: Inference,
  arrays: readonly ArrayInfo[],
): Pick<DataConfig, 'inputs' | 'targets'> | null {
  if (inf.inputs.length !== 1 || inf.outputs.length !== 1) return null;
  const [input] = inf.inputs;
  const [output] = inf.outputs;
  if (input === output) return null;
  const pair = suggestPair(arrays);
  if (!pair) return null;
  const uint8 = pair.features.every((a) => a.dtype === 'uint8');
  const features: Binding = {
    arrays: pair.features.map((a) => a.name),
    scale: uint8 ? 'div255' : 'none',
  };
  return {
    inputs: { [input]: features },
    targets: { [output]: { arrays: [pair.target.name], scale: 'none' } },
  };
}

/**
 * The setData patch that switches to `source`: the current bindings when they all fit its arrays,
 * else the defaults when there are some, else just the source (the Data tab then shows the problems).
 */
export function dataPatchFor(
  doc: Project,
  inf: Inference,
  source: DataSource,
  arrays: readonly ArrayInfo[],
): Partial<DataConfig> {
  const shapes = Object.fromEntries(arrays.map((a) => [a.name, a.shape]));
  if (bindingProblems(doc, inf, shapes).ok) return { source };
  const defaults = defaultBindings(inf, arrays);
  return defaults ? { source, ...defaults } : { source };
}
