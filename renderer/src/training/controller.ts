// The training controller: the one place that talks to the training worker for the app. It loads
// the open project into the worker when the model, its config or its data changed (lazily, on the
// next action), runs Step / Epoch / Run / Pause / Reset, folds the worker's streamed metrics into
// the training store once per animation frame, and writes the trained weights and the loss history
// back into the project as one coalesced undo step, so they are saved, autosaved and exported.
import type { Project } from '../../../engine/document/schema.ts';
import { isLoomError, LoomError } from '../../../engine/errors.ts';
import type { TrainingClient } from '../../../engine/worker/client.ts';
import type { MetricsEvent, WireArrays, WireRows } from '../../../engine/worker/protocol.ts';
import { arraysForSource } from '../data/dataStore.ts';
import { actions, getState, inferenceOf, subscribe } from '../state/store.ts';
import { startTrainingWorker } from '../worker/trainingWorker.ts';
import { historyFromDoc, historyToDoc } from './historyDoc.ts';
import { projectWeightsOf, structuralKey } from './loadKey.ts';
import {
  getTraining,
  patchTraining,
  resetTraining,
  STATS_KEEP,
  type TrainingError,
  type TrainingProgress,
} from './store.ts';

/** Predictions and targets for every row of a split, by output node id. */
export interface Inspection {
  split: 'train' | 'validation';
  outputs: Record<string, WireRows>;
  targets: Record<string, WireRows>;
}

/** How often a long run writes its weights into the project (for autosave). */
const COMMIT_EVERY_MS = 15_000;

let client: TrainingClient | null = null;
/** Structural key and stored weights of the document the session was loaded from. */
let loadedKey: string | null = null;
let loadedWeights: Project['weights'] | undefined;
/** The document history the store's history mirrors (identity). */
let syncedHistory: Project['history'] | undefined | null = null;
/** Steps and epochs already in the project's history when the session was loaded. */
let stepOffset = 0;
let epochOffset = 0;
let queue: Promise<unknown> = Promise.resolve();

function getClient(): TrainingClient {
  if (client) return client;
  const c = startTrainingWorker();
  client = c;
  c.on('metrics', (m) => {
    pending.push(m);
    frame ||= requestAnimationFrame(flushMetrics);
  });
  c.on('progress', (p) => {
    const s = getTraining();
    if (!s.progress) return;
    const rate = s.stepsPerSecond;
    const left = p.total - p.done;
    const stepsLeft = p.unit === 'steps' ? left : left * Math.max(1, s.batchesPerEpoch);
    patchTraining({
      progress: {
        ...s.progress,
        done: p.done,
        total: p.total,
        unit: p.unit,
        stepsPerSecond: rate,
        etaSeconds: rate > 0 ? stepsLeft / rate : null,
      },
    });
  });
  c.on('backend', (b) => patchTraining({ backend: { name: b.backend, reason: b.reason } }));
  c.on('error', (e) => patchTraining({ status: 'error', error: errorData(e) }));
  return c;
}

/** Metrics received since the last animation frame (applied once per frame). */
let pending: MetricsEvent[] = [];
let frame = 0;

/** Applies the pending metrics now (each frame, and before anything reads the final state). */
function flushMetrics(): void {
  cancelAnimationFrame(frame);
  frame = 0;
  const batch = pending;
  pending = [];
  if (batch.length) applyMetrics(batch);
}

function applyMetrics(events: MetricsEvent[]): void {
  const s = getTraining();
  const history = s.history;
  let stats = s.stats;
  let statsHistory = s.statsHistory;
  let lastStep = s.lastStep;
  for (const m of events) {
    history.append(stepOffset + m.step - m.losses.length + 1, m.series);
    for (const e of m.epochs) history.addEpoch({ epoch: epochOffset + e.epoch, logs: e.logs });
    if (m.stats) {
      stats = { ...m.stats, step: stepOffset + m.stats.step };
      statsHistory = [...statsHistory, stats];
      if (statsHistory.length > STATS_KEEP) statsHistory = statsHistory.filter((_, i) => i % 2);
    }
    if (m.detail) lastStep = { ...m.detail, step: stepOffset + m.detail.step };
  }
  const last = events[events.length - 1];
  // The position is already past an epoch that this step ended; show the step's own epoch.
  const ended = s.batchesPerEpoch > 0 && last.batch + 1 >= s.batchesPerEpoch;
  patchTraining({
    step: stepOffset + last.step,
    epoch: epochOffset + last.epoch - (ended && last.epoch > 0 ? 1 : 0),
    batch: last.batch,
    stepsPerSecond: last.stepsPerSecond,
    stats,
    statsHistory,
    lastStep,
  });
}

function errorData(e: unknown): TrainingError {
  if (isLoomError(e))
    return { code: e.code, message: e.message, what: e.what, where: { ...e.where }, fix: e.fix };
  const x = e as Partial<TrainingError> | null;
  if (x && typeof x.message === 'string' && typeof x.code === 'string')
    return {
      code: x.code,
      message: x.message,
      what: x.what ?? x.message,
      where: x.where ?? {},
      fix: x.fix ?? '',
    };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message, what: message, where: {}, fix: 'Reload the project.' };
}

/** Runs actions one after another (a Step pressed twice quickly runs two steps, in order). */
function serial<T>(f: () => Promise<T>): Promise<T> {
  const next = queue.then(f, f);
  queue = next.catch(() => undefined);
  return next;
}

function present(): Project {
  return getState().history.present;
}

/** Mirrors the project's saved history into the store when the document's history changed. */
function syncHistory(doc: Project): void {
  if (doc.history === syncedHistory) return;
  syncedHistory = doc.history;
  const keep = getTraining();
  resetTraining({
    backend: keep.backend,
    memory: keep.memory,
    history: historyFromDoc(doc.history),
    step: doc.history?.steps ?? 0,
    epoch: doc.history?.epochs.length ?? 0,
  });
  loadedKey = null;
}

function toWire(doc: Project): WireArrays | undefined {
  if (doc.data.source.kind !== 'files') return undefined;
  const out: WireArrays = {};
  for (const [name, a] of Object.entries(arraysForSource(doc.data.source)))
    out[name] = { shape: [...a.shape], data: a.data as Float32Array };
  return out;
}

/** Loads the open project into the worker unless the session already has it. */
async function ensureLoaded(): Promise<void> {
  const doc = present();
  syncHistory(doc);
  const key = structuralKey(doc);
  const s = getTraining();
  if (client && key === loadedKey && doc.weights === loadedWeights && s.status !== 'error') return;
  const inf = inferenceOf(doc);
  if (!inf.valid) {
    const first = inf.diagnostics.find((d) => d.severity === 'error');
    throw new LoomError(
      'graph/structure',
      `the model is invalid${first ? `: ${first.message}` : ''}`,
      first?.node ? { node: inf.nodes.get(first.node)?.node.name } : {},
      'Fix the errors shown on the canvas, then train.',
    );
  }
  patchTraining({ status: 'loading', error: null });
  const ready = await getClient().load(doc, {
    arrays: toWire(doc),
    preferBackend: 'webgl',
    transfer: false,
  });
  loadedKey = key;
  loadedWeights = doc.weights;
  stepOffset = doc.history?.steps ?? 0;
  epochOffset = doc.history?.epochs.length ?? 0;
  patchTraining({
    status: 'ready',
    error: null,
    backend: { name: ready.backend, ...(ready.reason ? { reason: ready.reason } : {}) },
    memory: ready.memory,
    params: ready.params,
    kept: ready.kept,
    initialised: ready.initialised,
    batchesPerEpoch: ready.batchesPerEpoch,
    trainSamples: ready.trainSamples,
    validationSamples: ready.validationSamples,
    initialLogs: ready.initialLogs,
    step: stepOffset,
  });
}

/** Writes the session's weights and the history into the project (one coalesced undo step). */
async function commit(): Promise<void> {
  const c = client;
  if (!c || loadedKey === null) return;
  flushMetrics();
  const s = getTraining();
  if (s.step === (present().history?.steps ?? 0) && present().weights === loadedWeights) return;
  const values = await c.getWeights();
  const weights = projectWeightsOf(s.params, values);
  const history = historyToDoc(s.history, getTraining().step);
  // Set first: the editor store notifies subscribers (syncHistory below) during execute.
  loadedWeights = weights;
  syncedHistory = history;
  actions.execute({ type: 'recordTraining', weights, history }, 'training');
}

/** Whether the loaded session is the open document's model, config, data and weights. */
export function sessionIsCurrent(doc: Project): boolean {
  return loadedKey !== null && doc.weights === loadedWeights && structuralKey(doc) === loadedKey;
}

/** One training request with progress, error reporting and a commit of the result. */
function train(kind: TrainingProgress['kind'], go: (c: TrainingClient) => Promise<unknown>) {
  return serial(async () => {
    let timer = 0;
    try {
      await ensureLoaded();
      patchTraining({
        status: 'training',
        error: null,
        progress: {
          kind,
          unit: kind === 'step' ? 'steps' : 'epochs',
          done: 0,
          total: 1,
          stepsPerSecond: 0,
          etaSeconds: null,
        },
      });
      timer = window.setInterval(() => void commit().catch(() => undefined), COMMIT_EVERY_MS);
      await go(getClient());
      await commit();
      patchTraining({ status: 'ready', progress: null });
    } catch (e) {
      // A NaN loss stops at that step with the last good weights, which are worth keeping.
      await commit().catch(() => undefined);
      patchTraining({ status: 'error', error: errorData(e), progress: null });
    } finally {
      window.clearInterval(timer);
    }
  });
}

async function withSession<T>(f: (c: TrainingClient) => Promise<T>): Promise<T> {
  return serial(async () => {
    try {
      await ensureLoaded();
      return await f(getClient());
    } catch (e) {
      patchTraining({ status: 'error', error: errorData(e) });
      throw e;
    }
  });
}

/** The training actions the panels and shortcuts call. */
export const training = {
  /** Exactly one gradient update on the next mini-batch, with the whole update recorded. */
  step: () => train('step', (c) => c.step(1, { detail: true })),
  /** The rest of the current epoch. */
  epoch: () => train('epoch', (c) => c.run({ epochs: 1 })),
  /** The configured number of epochs (Pause stops after the step in progress). */
  run: () => train('run', (c) => c.run({ epochs: present().training.epochs })),
  /** Stops a run after its current step (its weights are kept). */
  async pause(): Promise<void> {
    if (client && getTraining().status === 'training') await client.pause();
  },
  /** Run when idle, Pause while training. */
  runOrPause(): Promise<unknown> {
    return getTraining().status === 'training' ? training.pause() : training.run();
  },
  /** New weights from the seed, optimizer state and history cleared (one undo step). */
  resetWeights: () =>
    serial(async () => {
      try {
        await ensureLoaded();
        await getClient().reset(true);
        const s = getTraining();
        const weights = projectWeightsOf(s.params, await getClient().getWeights());
        loadedWeights = weights;
        actions.execute({ type: 'recordTraining', weights, history: undefined });
        const doc = present();
        syncHistory(doc);
        loadedKey = structuralKey(doc);
        stepOffset = 0;
        epochOffset = 0;
        patchTraining({ status: 'ready', kept: [], initialised: s.params.map((p) => p.key) });
      } catch (e) {
        patchTraining({ status: 'error', error: errorData(e) });
      }
    }),
  /** Predictions + targets for all rows of a split (loads the session first if needed). */
  async inspect(split: 'train' | 'validation'): Promise<Inspection> {
    const r = await withSession((c) => c.inspect(split));
    return { split, ...r };
  },
  /** Bound (scaled) input rows at `indices` of a split, by Input node id. */
  rows(split: 'train' | 'validation', indices: number[]): Promise<Record<string, WireRows>> {
    return withSession((c) => c.rows(split, indices));
  },
};

// Follow the document: a new or reopened project brings its own history; a model change while
// training pauses the run (its result is written into the project as it stood).
let lastDoc: Project | null = null;
subscribe(() => {
  const doc = present();
  if (doc === lastDoc) return;
  lastDoc = doc;
  syncHistory(doc);
  if (getTraining().status === 'training' && loadedKey !== null) {
    const changed = structuralKey(doc) !== loadedKey;
    if (changed) void training.pause();
  }
});
