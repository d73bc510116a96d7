// The training worker's message protocol: requests (renderer → worker) and events (worker →
// renderer) as discriminated unions on `type`. Every request carries an `id`; every request gets
// exactly one terminal answer whose `re` is that id (ready, done, paused, weights, evaluation,
// predictions or error). metrics, progress and backend events stream in between. Big arrays
// (data, weights, gradients) are Float32Arrays sent as transferables, never copied.
import type { LoomError, LoomErrorCode, Where } from '../errors.ts';

/** Which backend a session runs on. */
export type BackendName = 'webgl' | 'cpu';

/** Sample-major rows of one Input or target: row i is data[i·width, (i+1)·width). */
export interface WireRows {
  data: Float32Array;
  width: number;
}

/** Model-ready data (the BoundData of engine/session/bind.ts as plain objects). */
export interface WireData {
  n: number;
  /** By Input node id. */
  inputs: Record<string, WireRows>;
  /** By output node id; omitted for predict. */
  targets?: Record<string, WireRows>;
}

/** Parameter values by key '<nodeId>/<weight>', e.g. 'dense1/kernel'. */
export type WireWeights = Record<string, Float32Array>;

/** Loss and metrics by Keras log name ('loss', 'accuracy', 'val_loss', …). */
export type WireLogs = Record<string, number>;

/** Named arrays whose first axis is the sample axis (an engine ArraySet as plain data). */
export type WireArrays = Record<string, { shape: number[]; data: Float32Array }>;

/** Summary statistics of one tensor (NaN/Inf are counted, not folded into the other figures). */
export interface TensorStats {
  /** L2 norm over the finite values. */
  norm: number;
  mean: number;
  min: number;
  max: number;
  /** How many values are NaN or ±Inf. */
  nonFinite: number;
  size: number;
}

/** Counts of values in `bins` equal-width bins spanning [lo, hi] (lo = hi when all values agree). */
export interface Histogram {
  lo: number;
  hi: number;
  counts: number[];
}

/** One parameter's gradient and weight statistics at one step. */
export interface ParamStats {
  grad: TensorStats;
  weight: TensorStats;
  gradHist: Histogram;
  weightHist: Histogram;
}

/**
 * Gradient/weight statistics of one step, sampled a few times a second while training (and for
 * every detailed step): per trainable parameter key, and per node the RMS of the gradient of the
 * loss with respect to the node's output tensor (what flows back along its outgoing edges).
 */
export interface StatsSample {
  step: number;
  params: Record<string, ParamStats>;
  /** By node id; absent for Inputs and for nodes no gradient reaches. */
  activationGrads: Record<string, TensorStats>;
}

/** Everything one detailed step did, for the Step view. */
export interface StepDetailWire {
  /** 1-based step number, and the 0-based epoch and batch index of the batch used. */
  step: number;
  epoch: number;
  batch: number;
  batchSize: number;
  /** Loss and metrics on the batch before the update (what the step reported). */
  logsBefore: WireLogs;
  /** Loss and metrics on the same batch (same dropout mask) after the update. */
  logsAfter: WireLogs;
  /** Per trainable parameter key. updates = after − before. */
  before: WireWeights;
  grads: WireWeights;
  updates: WireWeights;
  after: WireWeights;
}

interface Req {
  /** Chosen by the sender, echoed as `re` in the answer. */
  id: number;
}

/**
 * Compiles the project and builds a session. Without `data`, the project's own built-in or
 * generated data source is bound. `validation` overrides the project's validation split.
 */
export interface LoadRequest extends Req {
  type: 'load';
  /** A project document (JSON value); validated and migrated with parseProject in the worker. */
  project: unknown;
  data?: WireData;
  /**
   * Raw named arrays (e.g. parsed files); the worker binds them with the project's data bindings
   * (scaling, shape checks). Ignored when `data` is given.
   */
  arrays?: WireArrays;
  validation?: WireData;
  preferBackend: BackendName;
}
/** `count` gradient updates (default 1); `detail` adds the last step's grads/updates to metrics. */
export interface StepRequest extends Req {
  type: 'step';
  count?: number;
  detail?: boolean;
}
/** Trains for `steps` updates or until `epochs` epoch ends, yielding between steps. */
export interface RunRequest extends Req {
  type: 'run';
  steps?: number;
  epochs?: number;
}
/** Stops a run after the step in progress. */
export interface PauseRequest extends Req {
  type: 'pause';
}
/** Back to the weights the session loaded with (or, with `fresh`, newly initialised from the seed). */
export interface ResetRequest extends Req {
  type: 'reset';
  fresh?: boolean;
}
/**
 * New optimizer hyperparameters (same type) from the next step on, optimizer state kept; allowed
 * while a run is going on.
 */
export interface ConfigureRequest extends Req {
  type: 'configure';
  optimizerParams: Record<string, unknown>;
}
export interface SetWeightsRequest extends Req {
  type: 'setWeights';
  weights: WireWeights;
}
export interface GetWeightsRequest extends Req {
  type: 'getWeights';
}
/**
 * Predictions for the session's own data (`split`: training rows or validation rows), with the
 * targets, so the renderer can tabulate them and build a confusion matrix.
 */
export interface InspectRequest extends Req {
  type: 'inspect';
  split: 'train' | 'validation';
}
/** The (bound, scaled) input rows at these indices of a split, e.g. to draw misclassified images. */
export interface RowsRequest extends Req {
  type: 'rows';
  split: 'train' | 'validation';
  indices: number[];
}
/** Loss and metrics on `data` (default: the training data), dropout off. */
export interface EvaluateRequest extends Req {
  type: 'evaluate';
  data?: WireData;
}
export interface PredictRequest extends Req {
  type: 'predict';
  data: WireData;
}

export type Request =
  | LoadRequest
  | StepRequest
  | RunRequest
  | PauseRequest
  | ResetRequest
  | ConfigureRequest
  | SetWeightsRequest
  | GetWeightsRequest
  | EvaluateRequest
  | PredictRequest
  | InspectRequest
  | RowsRequest;

/** A request without its id (what callers of the client write). */
export type RequestBody = Request extends infer R ? (R extends Req ? Omit<R, 'id'> : never) : never;

/** Where the session stands after a request. */
export interface Position {
  /** Updates applied so far. */
  step: number;
  /** 0-based current epoch. */
  epoch: number;
}

/** Answer to load. `reason` says why the session runs on the CPU when WebGL was preferred. */
export interface ReadyEvent extends Position {
  type: 'ready';
  re: number;
  backend: BackendName;
  reason?: string;
  memory: { buffers: number; bytes: number };
  params: { key: string; shape: number[]; trainable: boolean }[];
  /** Parameter keys taken from the project's stored weights, and those freshly initialised. */
  kept: string[];
  initialised: string[];
  batchesPerEpoch: number;
  trainSamples: number;
  validationSamples: number;
  /** Loss and metrics of the first batch before any update (the forward pass was checked). */
  initialLogs: WireLogs;
}

/** Keras epoch logs: batch-size-weighted means over the epoch's batches, plus val_* entries. */
export interface EpochLogs {
  epoch: number;
  logs: WireLogs;
}

/**
 * Coalesced training metrics (at most ~60 a second): the latest step's logs, every step's loss
 * since the previous metrics event, and every epoch that ended since then.
 */
export interface MetricsEvent extends Position {
  type: 'metrics';
  /** 0-based batch index (within its epoch) of the latest step. */
  batch: number;
  logs: WireLogs;
  /** Loss of each step since the previous metrics event, oldest first; the last is `logs.loss`. */
  losses: Float32Array;
  /** Every log (loss, metrics, per-output losses) of each step since the previous event. */
  series: Record<string, Float32Array>;
  /** Updates per second over the steps since the previous metrics event. */
  stepsPerSecond: number;
  epochs: EpochLogs[];
  /** The whole update of the latest step, when the step request asked for detail. */
  detail?: StepDetailWire;
  /** Gradient/weight statistics of a recent step (sampled; at most a few per second). */
  stats?: StatsSample;
}

/** How far a step/run request has got. */
export interface ProgressEvent extends Position {
  type: 'progress';
  re: number;
  done: number;
  total: number;
  unit: 'steps' | 'epochs';
}

/** The session moved to another backend (context loss, failed self-check); never on garbage. */
export interface BackendEvent {
  type: 'backend';
  backend: BackendName;
  reason: string;
}

/** Terminal answer to step, run, reset, configure and setWeights. */
export interface DoneEvent extends Position {
  type: 'done';
  re: number;
}

/** Answer to pause, and terminal answer to a step/run that a pause (or a newer request) stopped. */
export interface PausedEvent extends Position {
  type: 'paused';
  re: number;
}

export interface WeightsEvent {
  type: 'weights';
  re: number;
  values: WireWeights;
}

export interface EvaluationEvent {
  type: 'evaluation';
  re: number;
  logs: WireLogs;
}

export interface PredictionsEvent {
  type: 'predictions';
  re: number;
  /** By output node id. */
  outputs: Record<string, WireRows>;
  /** Answer to inspect: the bound targets by output node id (row i matches outputs row i). */
  targets?: Record<string, WireRows>;
}

/** Answer to rows: the bound inputs of the asked rows, by Input node id, in the asked order. */
export interface RowsEvent {
  type: 'rows';
  re: number;
  inputs: Record<string, WireRows>;
}

/** A LoomError as data. `re` is absent when the failing message had no usable id. */
export interface ErrorEvent {
  type: 'error';
  re?: number;
  code: LoomErrorCode;
  message: string;
  what: string;
  where: Where;
  fix: string;
}

export type WorkerEvent =
  | ReadyEvent
  | MetricsEvent
  | ProgressEvent
  | BackendEvent
  | DoneEvent
  | PausedEvent
  | WeightsEvent
  | EvaluationEvent
  | PredictionsEvent
  | RowsEvent
  | ErrorEvent;

/** Distinct transferable buffers of some arrays (a buffer listed twice would make postMessage throw). */
export function buffersOf(arrays: Iterable<Float32Array>): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  return [...out];
}

/** The buffers of every Float32Array in a WireWeights record (for the transfer list). */
export function weightBuffers(w: WireWeights): ArrayBuffer[] {
  return buffersOf(Object.values(w));
}

/** The buffers of every array in some records of rows (for the transfer list). */
export function rowsBuffers(...records: Record<string, WireRows>[]): ArrayBuffer[] {
  return buffersOf(records.flatMap((r) => Object.values(r).map((rows) => rows.data)));
}

/** The buffers of every array in a WireData (for the transfer list). */
export function dataBuffers(d: WireData | undefined): ArrayBuffer[] {
  return d ? rowsBuffers(d.inputs, d.targets ?? {}) : [];
}

/** A LoomError as an error event, answering request `re` when given. */
export function errorEvent(err: LoomError, re?: number): ErrorEvent {
  return {
    type: 'error',
    ...(re !== undefined ? { re } : {}),
    code: err.code,
    message: err.message,
    what: err.what,
    where: { ...err.where },
    fix: err.fix,
  };
}
