// The training store: what the training worker last reported (backend, position, progress, the
// loss history, the latest step's detail and gradient statistics). Read-only for panels; only
// the training controller (controller.ts) writes it. The project document stays the single source
// of truth for the model, its config and its saved weights; this store holds the live session.
import { createStore, useStore } from '../state/createStore.ts';
import type {
  BackendName,
  ErrorEvent,
  StatsSample,
  StepDetailWire,
} from '../../../engine/worker/protocol.ts';
import { TrainingHistory } from './history.ts';

/** What the session is doing. */
export type TrainingStatus =
  | 'idle' // nothing loaded yet (or the model/data changed since: reloads on the next action)
  | 'loading' // compiling and binding data in the worker
  | 'ready' // loaded, not training
  | 'training' // a Step/Epoch/Run request is in flight
  | 'error'; // the last action failed: see `error`

/** A LoomError as plain data (what / where / how to fix): the worker's error event untagged. */
export type TrainingError = Omit<ErrorEvent, 'type' | 're'>;

/** The run in progress: what was asked, how far it got, how long it has left. */
export interface TrainingProgress {
  kind: 'step' | 'epoch' | 'run';
  /** Steps done of the steps the request asked for (an epoch request: to that epoch's end). */
  done: number;
  total: number;
  /** Seconds left at the current rate; null when unknown. */
  etaSeconds: number | null;
}

export interface TrainingState {
  status: TrainingStatus;
  error: TrainingError | null;
  backend: { name: BackendName; reason?: string } | null;
  /** Buffers/bytes the compiled programs hold on the backend (constant across steps). */
  memory: { buffers: number; bytes: number } | null;
  params: { key: string; shape: number[]; trainable: boolean }[];
  batchesPerEpoch: number;
  trainSamples: number;
  validationSamples: number;
  /** Step counter as the user sees it (continues across reloads of the same trained weights). */
  step: number;
  /** 0-based epoch and batch of the latest step. */
  epoch: number;
  batch: number;
  progress: TrainingProgress | null;
  /** Steps per second of the latest metrics. */
  stepsPerSecond: number;
  /** Mutable per-step/epoch history; `version` changes whenever it grows. */
  history: TrainingHistory;
  /** The last detailed step (Step button): loss before/after, weights before/grad/update/after. */
  lastStep: StepDetailWire | null;
  /** The most recent gradient/weight statistics (canvas overlay, Step view figures). */
  stats: StatsSample | null;
  /** Sampled statistics over time (oldest first, thinned to at most STATS_KEEP entries). */
  statsHistory: StatsSample[];
  /** Bumped on every change (charts redraw when it changes). */
  version: number;
}

/** Most statistics samples kept; older ones are thinned (every other dropped) beyond it. */
export const STATS_KEEP = 1000;

type Listener = () => void;

function initial(): TrainingState {
  return {
    status: 'idle',
    error: null,
    backend: null,
    memory: null,
    params: [],
    batchesPerEpoch: 0,
    trainSamples: 0,
    validationSamples: 0,
    step: 0,
    epoch: 0,
    batch: 0,
    progress: null,
    stepsPerSecond: 0,
    history: new TrainingHistory(),
    lastStep: null,
    stats: null,
    statsHistory: [],
    version: 0,
  };
}

const store = createStore<TrainingState>(initial());

/** The current training state (for event handlers; components use useTraining). */
export function getTraining(): TrainingState {
  return store.get();
}

/** Replaces fields and notifies subscribers (controller only). */
export function patchTraining(patch: Partial<TrainingState>): void {
  const state = store.get();
  store.set({ ...state, ...patch, version: state.version + 1 });
}

/** Subscribes to every change; returns the unsubscribe function. */
export function subscribeTraining(listener: Listener): () => void {
  return store.subscribe(listener);
}

/** Reads a slice of the training state; re-renders when the slice changes (by identity). */
export function useTraining<T>(selector: (s: TrainingState) => T): T {
  return useStore(store, selector);
}
