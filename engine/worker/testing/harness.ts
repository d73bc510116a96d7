// Page-side harness for the browser tests of the training worker: starts the worker, keeps every
// event it sends, and computes CPU reference losses with the same engine, all on `window.harness`.
import { parseProject } from '../../document/parse.ts';
import { inferShapes } from '../../graph/infer.ts';
import { bindData } from '../../session/bind.ts';
import { TrainingSession } from '../../session/session.ts';
import { loadSource } from '../../session/source.ts';
import { mlpWorkload } from '../../cli/bench/workloads.ts';
import type { BoundData } from '../../session/bind.ts';
import { TrainingClient } from '../client.ts';
import type { WireData } from '../protocol.ts';
import { rowsRecord } from '../wire.ts';

/** What the tests reach through page.evaluate. */
export interface Harness {
  worker: Worker;
  client: TrainingClient;
  /** Every message the worker sent, in order. */
  events: { type: string; [k: string]: unknown }[];
  /** Losses of `steps` updates of the project on its own data, on the CPU in this page. */
  referenceLosses(project: unknown, steps: number, data?: WireData): number[];
  /** The benchmark's MLP (Adam, seeded random batch of `batch` rows) as a project and its data. */
  mlp(example: unknown, batch: number): { project: unknown; data: WireData };
}

function toBound(d: WireData): BoundData {
  const rows = (r: Record<string, { data: Float32Array; width: number }>) =>
    new Map(
      Object.entries(r).map(([k, v]) => [k, { data: Float32Array.from(v.data), width: v.width }]),
    );
  return { n: d.n, inputs: rows(d.inputs), targets: rows(d.targets ?? {}) };
}

const worker = new Worker(new URL('./worker.js', location.href), { type: 'module' });
const events: Harness['events'] = [];
worker.addEventListener('message', (e) => events.push(e.data as Harness['events'][number]));
const harness: Harness = {
  worker,
  client: new TrainingClient(worker),
  events,
  referenceLosses(project, steps, data) {
    const doc = parseProject(project);
    const session = new TrainingSession(
      doc,
      data ? toBound(data) : bindData(doc, inferShapes(doc), loadSource(doc.data.source)),
    );
    return Array.from({ length: steps }, () => session.step(false).loss);
  },
  mlp(example, batch) {
    const w = mlpWorkload(parseProject(example), batch);
    return {
      project: w.doc,
      data: { n: w.data.n, inputs: rowsRecord(w.data.inputs), targets: rowsRecord(w.data.targets) },
    };
  },
};
(window as unknown as { harness: Harness }).harness = harness;
