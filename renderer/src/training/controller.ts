// The training controller: the one place that talks to the training worker for the app. It loads
// the open project into the worker when the model, its config, its data or its stored weights
// changed (lazily, on the next action), runs Step / Epoch / Run / Pause / Reset, and writes the
// trained weights and the loss history back into the project as one coalesced undo step, so they
// are saved, autosaved and exported. Invariant: a result is only ever written into the document
// lineage it was trained from — New, Open, Undo or Redo of training state pause the run and drop
// its unwritten result instead of writing it somewhere else.
import type { Project } from '../../../engine/document/schema.ts';
import { isLoomError, LoomError } from '../../../engine/errors.ts';
import { projectWeights } from '../../../engine/session/weights.ts';
import { allFinite } from '../../../engine/train/stats.ts';
import type { TrainingClient } from '../../../engine/worker/client.ts';
import type { WireArrays, WireRows } from '../../../engine/worker/protocol.ts';
import { arraysForSource } from '../data/dataStore.ts';
import { actions, getState, inferenceOf, subscribe } from '../state/store.ts';
import { startTrainingWorker } from '../worker/trainingWorker.ts';
import { MetricsFold, type Offsets } from './fold.ts';
import { historyFromDoc, historyToDoc } from './historyDoc.ts';
import { optimizerKey, structuralKey } from './loadKey.ts';
import { getTraining, patchTraining, type TrainingError, type TrainingProgress } from './store.ts';

/** Predictions and targets for every row of a split, by output node id. */
export interface Inspection {
  split: 'train' | 'validation';
  outputs: Record<string, WireRows>;
  targets: Record<string, WireRows>;
}

/** How often a long run writes its weights into the project (for autosave). */
const COMMIT_EVERY_MS = 15_000;

let createClient: () => TrainingClient = startTrainingWorker;
let client: TrainingClient | null = null;
const fold = new MetricsFold();
/** Structural key and stored weights of the document the session was loaded from. */
let loadedKey: string | null = null;
let loadedWeights: Project['weights'] | undefined;
/** The optimizer hyperparameters the session trains with (changed without a reload). */
let loadedOptimizer = '';
/** The document history the store's history mirrors (identity). */
let syncedHistory: Project['history'] | undefined | null = null;
/** Bumped when the document's training state changes under the session (New, Open, Undo…). */
let generation = 0;
/** A Step/Epoch/Run request is in flight. */
let running = false;
/** Set while the controller itself writes into the document. */
let writing = false;
let queue: Promise<unknown> = Promise.resolve();

/** Replaces the worker factory (tests run the session host in-process). */
export function setClientFactory(f: () => TrainingClient): void {
  client?.dispose();
  client = null;
  loadedKey = null;
  createClient = f;
}

function getClient(): TrainingClient {
  if (client) return client;
  const c = createClient();
  client = c;
  c.on('metrics', (m) => fold.push(m));
  c.on('backend', (b) => patchTraining({ backend: { name: b.backend, reason: b.reason } }));
  c.on('error', (e) => fail(e));
  return c;
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

/** Shows an error; a worker that stopped is replaced by a fresh one on the next action. */
function fail(e: unknown): void {
  const error = errorData(e);
  if (error.code === 'worker/failed') {
    client?.dispose();
    client = null;
    loadedKey = null;
  }
  patchTraining({ status: 'error', error, progress: null });
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

/** Where a session loaded from `doc` starts counting: after the document's saved history. */
function savedOffsets(doc: Project): Offsets {
  return { step: doc.history?.steps ?? 0, epoch: doc.history?.epochs.length ?? 0 };
}

/** Mirrors the project's saved history into the store (the session must reload after this). */
function syncHistory(doc: Project): void {
  syncedHistory = doc.history;
  loadedKey = null;
  const offsets = savedOffsets(doc);
  // Until the next load, late metrics of the old session must not land in this history.
  fold.reset(offsets, false);
  patchTraining({
    status: getTraining().status === 'error' ? 'error' : 'idle',
    history: historyFromDoc(doc.history),
    step: offsets.step,
    epoch: Math.max(0, (doc.history?.epochs.length ?? 1) - 1),
    batch: 0,
    stats: null,
    statsHistory: [],
    lastStep: null,
    progress: null,
  });
}

function toWire(doc: Project): WireArrays | undefined {
  if (doc.data.source.kind !== 'files') return undefined;
  const out: WireArrays = {};
  for (const [name, a] of Object.entries(arraysForSource(doc.data.source)))
    out[name] = { shape: [...a.shape], data: a.data as Float32Array };
  return out;
}

/** Whether the loaded session is the open document's model, config, data and weights. */
export function sessionIsCurrent(doc: Project): boolean {
  return loadedKey !== null && doc.weights === loadedWeights && structuralKey(doc) === loadedKey;
}

/** Sends changed optimizer hyperparameters to the session (also while it runs). */
async function configure(doc: Project): Promise<void> {
  const key = optimizerKey(doc);
  if (!client || key === loadedOptimizer) return;
  loadedOptimizer = key;
  await client.configure(doc.training.optimizer.params);
}

/** Loads the open project into the worker unless the session already has it. */
async function ensureLoaded(): Promise<void> {
  const doc = present();
  if (doc.history !== syncedHistory) syncHistory(doc);
  if (client && sessionIsCurrent(doc) && getTraining().status !== 'error') {
    await configure(doc);
    return;
  }
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
  let ready;
  try {
    ready = await getClient().load(doc, {
      arrays: toWire(doc),
      preferBackend: 'webgl',
      transfer: false,
    });
  } catch (e) {
    loadedKey = null;
    fail(e);
    throw e;
  }
  loadedKey = structuralKey(doc);
  loadedWeights = doc.weights;
  loadedOptimizer = optimizerKey(doc);
  const offsets = savedOffsets(doc);
  fold.reset(offsets, true);
  patchTraining({
    status: 'ready',
    error: null,
    backend: { name: ready.backend, ...(ready.reason ? { reason: ready.reason } : {}) },
    memory: ready.memory,
    params: ready.params,
    batchesPerEpoch: ready.batchesPerEpoch,
    trainSamples: ready.trainSamples,
    validationSamples: ready.validationSamples,
    step: offsets.step,
  });
}

/** Writes weights and history into the project (one coalesced undo step). */
function write(weights: NonNullable<Project['weights']>, history: Project['history']): void {
  loadedWeights = weights;
  syncedHistory = history;
  writing = true;
  try {
    actions.execute({ type: 'recordTraining', weights, history }, 'training');
  } finally {
    writing = false;
  }
}

/**
 * Writes the session's weights and history into the project, unless the document's lineage
 * changed since `gen` or there is nothing new. Non-finite weights are never written.
 */
async function commit(gen: number): Promise<void> {
  const c = client;
  if (!c || loadedKey === null || gen !== generation) return;
  fold.flush();
  const s = getTraining();
  if (s.step === (present().history?.steps ?? 0) && present().weights === loadedWeights) return;
  const values = await c.getWeights();
  if (gen !== generation) return;
  if (![...values.values()].every(allFinite)) return;
  write(projectWeights(s.params, values), historyToDoc(s.history, getTraining().step));
}

/** One training request with progress, error reporting and a commit of the result. */
function train(
  kind: TrainingProgress['kind'],
  epochs: () => number | null,
  go: (c: TrainingClient) => Promise<unknown>,
): Promise<void> {
  // Keys and buttons alike: a request while one runs is ignored (Pause stops a run).
  if (running) return Promise.resolve();
  running = true;
  return serial(async () => {
    const gen = generation;
    let timer: ReturnType<typeof setInterval> | undefined;
    try {
      await ensureLoaded();
      patchTraining({ status: 'training', error: null, progress: fold.begin(kind, epochs()) });
      timer = setInterval(() => void commit(gen).catch(() => undefined), COMMIT_EVERY_MS);
      await go(getClient());
      await commit(gen);
      patchTraining({ status: gen === generation ? 'ready' : 'idle', progress: null });
    } catch (e) {
      // A NaN loss stops at that step with the last good weights, which are worth keeping.
      await commit(gen).catch(() => undefined);
      fail(e);
    } finally {
      clearInterval(timer);
      fold.end();
      running = false;
    }
  });
}

/** The training actions the panels and shortcuts call. */
export const training = {
  /** Exactly one gradient update on the next mini-batch, with the whole update recorded. */
  step: () =>
    train(
      'step',
      () => null,
      (c) => c.step(1, { detail: true }),
    ),
  /** The rest of the current epoch. */
  epoch: () =>
    train(
      'epoch',
      () => 1,
      (c) => c.run({ epochs: 1 }),
    ),
  /** The configured number of epochs (Pause stops after the step in progress). */
  run: () => {
    const epochs = () => present().training.epochs;
    return train('run', epochs, (c) => c.run({ epochs: epochs() }));
  },
  /** Stops a run after its current step (its weights are kept). */
  async pause(): Promise<void> {
    if (client && running) await client.pause();
  },
  /** Run when idle, Pause while training. */
  runOrPause(): Promise<unknown> {
    return running ? training.pause() : training.run();
  },
  /** Whether a Step/Epoch/Run request is in flight. */
  get running(): boolean {
    return running;
  },
  /** New weights from the seed, optimizer state and history cleared (one undo step). */
  resetWeights: () => {
    if (running) return Promise.resolve();
    return serial(async () => {
      try {
        await ensureLoaded();
        await getClient().reset(true);
        write(projectWeights(getTraining().params, await getClient().getWeights()), undefined);
        actions.seal();
        syncHistory(present());
        // The session is the document's again: fresh weights, counting from step 0.
        loadedKey = structuralKey(present());
        fold.reset({ step: 0, epoch: 0 }, true);
        patchTraining({ status: 'ready' });
      } catch (e) {
        fail(e);
      }
    });
  },
  /** Predictions + targets for all rows of a split (errors are the caller's to show). */
  async inspect(split: 'train' | 'validation'): Promise<Inspection> {
    const r = await serial(async () => {
      await ensureLoaded();
      return getClient().inspect(split);
    });
    return { split, ...r };
  },
  /** Bound (scaled) input rows at `indices` of a split, by Input node id. */
  rows(split: 'train' | 'validation', indices: number[]): Promise<Record<string, WireRows>> {
    return serial(async () => {
      await ensureLoaded();
      return getClient().rows(split, indices);
    });
  },
};

// Follow the document. A new lineage (New/Open) or a change of its training state that the
// controller did not write (Undo/Redo of a Step, imported weights) pauses a run, drops its
// unwritten result and reloads on the next action; a model change while training pauses the run
// and writes its result as it stood.
let lastDoc: Project | null = null;
let lastLoads = 0;
subscribe(() => {
  const state = getState();
  const doc = state.history.present;
  if (doc === lastDoc && state.loads === lastLoads) return;
  const prev = lastDoc;
  const reloaded = state.loads !== lastLoads;
  lastDoc = doc;
  lastLoads = state.loads;
  if (writing) return;
  if (reloaded || !prev || doc.history !== prev.history || doc.weights !== prev.weights) {
    generation++;
    if (running) void training.pause();
    syncHistory(doc);
    return;
  }
  if (!running || loadedKey === null) return;
  if (structuralKey(doc) !== loadedKey) void training.pause();
  // A new learning rate (etc.) takes effect from the next step of the run.
  else void configure(doc).catch(fail);
});
