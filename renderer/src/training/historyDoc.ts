// The loss history between the live store (TrainingHistory) and the project document
// (`history`: base64 float32 per log name). Pure.
import type { TrainingHistoryDoc } from '../../../engine/document/schema.ts';
import { decodeFloat32, encodeFloat32 } from '../../../engine/document/weights.ts';
import { TrainingHistory } from './history.ts';

/** The document form of a history that covers `steps` updates. */
export function historyToDoc(h: TrainingHistory, steps: number): TrainingHistoryDoc {
  const { series } = h.steps();
  const out: TrainingHistoryDoc['series'] = {};
  for (const [name, values] of Object.entries(series))
    out[name] = encodeFloat32(Float32Array.from(values));
  return {
    steps,
    series: out,
    epochs: h.epochs.map((e) => ({
      epoch: e.epoch,
      logs: Object.fromEntries(Object.entries(e.logs).filter(([, v]) => Number.isFinite(v))),
    })),
  };
}

/**
 * A live history from the document form. Series shorter than the step count (a damaged or
 * hand-edited file) are padded with gaps at the start, so step numbers stay right.
 */
export function historyFromDoc(doc: TrainingHistoryDoc | undefined): TrainingHistory {
  const h = new TrainingHistory();
  if (!doc) return h;
  const series: Record<string, Float32Array> = {};
  let count = 0;
  for (const [name, b64] of Object.entries(doc.series)) {
    try {
      series[name] = decodeFloat32(b64);
      count = Math.max(count, series[name].length);
    } catch {
      // A series that does not decode is dropped; the others still show.
    }
  }
  count = Math.min(count, doc.steps);
  const aligned: Record<string, Float32Array> = {};
  for (const [name, values] of Object.entries(series)) {
    const a = new Float32Array(count).fill(NaN);
    const tail = values.subarray(Math.max(0, values.length - count));
    a.set(tail, count - tail.length);
    aligned[name] = a;
  }
  if (count) h.append(doc.steps - count + 1, aligned);
  for (const e of doc.epochs) h.addEpoch({ epoch: e.epoch, logs: { ...e.logs } });
  return h;
}
