// Conversions between the protocol's plain records and the session's BoundData. Incoming data is
// checked against the model exactly as project data is (bindData): widths, sample counts and
// class ids, with errors that name the Input or output. Incoming weights are checked whole before
// any is written.
import type { Project } from '../document/schema.ts';
import { LoomError } from '../errors.ts';
import type { Inference } from '../graph/infer.ts';
import type { TrainingSession } from '../session/session.ts';
import { bindData, type ArraySet, type BoundData, type Rows } from '../session/bind.ts';
import type { WireData, WireRows, WireWeights } from './protocol.ts';

/** Binds wire data (already scaled, keyed by node id) to the model, checking it like bindData. */
export function fromWire(
  doc: Project,
  inf: Inference,
  wire: WireData,
  opts: { inputsOnly?: boolean } = {},
): BoundData {
  const arrays: ArraySet = {};
  const inputs: Project['data']['inputs'] = {};
  const targets: Project['data']['targets'] = {};
  for (const [id, r] of Object.entries(wire.inputs)) {
    arrays[`input ${id}`] = { shape: [wire.n, r.width], data: r.data };
    inputs[id] = { arrays: [`input ${id}`], scale: 'none' };
  }
  for (const [id, r] of Object.entries(wire.targets ?? {})) {
    arrays[`target ${id}`] = { shape: [wire.n, r.width], data: r.data };
    targets[id] = { arrays: [`target ${id}`], scale: 'none' };
  }
  const bound = bindData({ ...doc, data: { ...doc.data, inputs, targets } }, inf, arrays, {
    ...opts,
    source: 'the data sent to the training worker',
  });
  // bindData infers n from the arrays; a dataset without Inputs still has the sent n.
  return { ...bound, n: wire.n };
}

/** A Map of rows as a plain record (for posting). */
export function rowsRecord(m: ReadonlyMap<string, Rows>): Record<string, WireRows> {
  return Object.fromEntries([...m].map(([k, r]) => [k, { data: r.data, width: r.width }]));
}

/** Every key must exist and every length match before anything is written (no partial updates). */
export function checkWeights(session: TrainingSession, weights: WireWeights): void {
  for (const [key, v] of Object.entries(weights)) {
    const w = session.weights.get(key);
    if (!w || w.length !== v.length)
      throw new LoomError(
        'weights/mismatch',
        w
          ? `weight '${key}' needs ${w.length} values, got ${v.length}`
          : `the model has no weight '${key}' (it has: ${[...session.weights.keys()].join(', ')})`,
        { param: key },
        'Load weights saved from the same model.',
      );
  }
}
