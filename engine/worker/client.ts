// The renderer's side of the training worker: one promise per request (settled by the request's
// terminal answer, rejected with a LoomError on an error event) and listeners for the streamed
// events (metrics, progress, backend, unsolicited errors). It knows nothing about React or Vite:
// give it anything that posts messages like a Worker.
import { LoomError } from '../errors.ts';
import {
  dataBuffers,
  errorEvent,
  weightBuffers,
  type BackendName,
  type DoneEvent,
  type ErrorEvent,
  type PausedEvent,
  type ReadyEvent,
  type RequestBody,
  type WireArrays,
  type WireData,
  type WireLogs,
  type WireRows,
  type WireWeights,
  type WorkerEvent,
} from './protocol.ts';

/** What the client needs from a Worker (a MessagePort with the same shape works in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (e: Event) => void): void;
  terminate?(): void;
}

/** Events delivered to listeners rather than to a request's promise. */
export type StreamEvent = Extract<
  WorkerEvent,
  { type: 'metrics' | 'progress' | 'backend' | 'error' }
>;
type StreamType = StreamEvent['type'];
type Listener<T extends StreamType> = (e: Extract<StreamEvent, { type: T }>) => void;

/** How a step or run request ended. */
export type RunOutcome = DoneEvent | PausedEvent;

export interface LoadOptions {
  /** Model-ready data; without it the project's own built-in or generated data is used. */
  data?: WireData;
  /** Raw named arrays the worker binds with the project's bindings; always copied, never moved. */
  arrays?: WireArrays;
  validation?: WireData;
  preferBackend?: BackendName;
  /**
   * Transfer the data's buffers to the worker (default true): fast, but the arrays become empty
   * here, and so does every other view of the same ArrayBuffers. Pass false to send copies.
   */
  transfer?: boolean;
}

interface Pending {
  resolve(e: WorkerEvent): void;
  reject(e: LoomError): void;
}

/** Promise/event API over the training worker's protocol. */
export class TrainingClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<StreamType, Set<(e: StreamEvent) => void>>();
  private failure: LoomError | null = null;

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (e) => this.receive(e.data as WorkerEvent));
    worker.addEventListener('error', (e) => {
      const detail = (e as { message?: unknown }).message;
      this.crash(
        new LoomError(
          'worker/failed',
          `the training worker stopped${typeof detail === 'string' && detail ? `: ${detail}` : ''}`,
          {},
          'Reload the app; if it happens again, report it with the browser console output.',
        ),
      );
    });
  }

  /** Subscribes to streamed events; returns the unsubscribe function. */
  on<T extends StreamType>(type: T, listener: Listener<T>): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    const l = listener as (e: StreamEvent) => void;
    set.add(l);
    return () => set.delete(l);
  }

  /** Loads a project (JSON value) and its data; resolves when the session is ready. */
  load(project: unknown, opts: LoadOptions = {}): Promise<ReadyEvent> {
    const transfer =
      opts.transfer === false ? [] : [...dataBuffers(opts.data), ...dataBuffers(opts.validation)];
    return this.request(
      {
        type: 'load',
        project,
        preferBackend: opts.preferBackend ?? 'webgl',
        ...(opts.data ? { data: opts.data } : {}),
        ...(opts.arrays ? { arrays: opts.arrays } : {}),
        ...(opts.validation ? { validation: opts.validation } : {}),
      },
      [...new Set(transfer)],
    ) as Promise<ReadyEvent>;
  }

  /** `count` gradient updates; `detail` attaches the last step's grads and updates to its metrics. */
  step(count = 1, opts: { detail?: boolean } = {}): Promise<RunOutcome> {
    return this.request({
      type: 'step',
      count,
      detail: opts.detail ?? false,
    }) as Promise<RunOutcome>;
  }

  /** Trains for a number of steps or epochs; resolves with 'done', or 'paused' if stopped early. */
  run(what: { steps: number } | { epochs: number }): Promise<RunOutcome> {
    return this.request({ type: 'run', ...what }) as Promise<RunOutcome>;
  }

  /** Stops a run after its current step. */
  pause(): Promise<PausedEvent> {
    return this.request({ type: 'pause' }) as Promise<PausedEvent>;
  }

  /** Back to the loaded weights (or, with `fresh`, newly initialised ones); optimizer state cleared. */
  reset(fresh = false): Promise<DoneEvent> {
    return this.request({ type: 'reset', fresh }) as Promise<DoneEvent>;
  }

  /** New optimizer hyperparameters from the next step on (optimizer state kept; runs go on). */
  configure(optimizerParams: Record<string, unknown>): Promise<DoneEvent> {
    return this.request({ type: 'configure', optimizerParams }) as Promise<DoneEvent>;
  }

  /** Replaces weights by key; all or nothing. Buffers are transferred unless `transfer` is false. */
  setWeights(
    weights: WireWeights | ReadonlyMap<string, Float32Array>,
    opts: { transfer?: boolean } = {},
  ): Promise<DoneEvent> {
    const w = weights instanceof Map ? Object.fromEntries(weights) : (weights as WireWeights);
    return this.request(
      { type: 'setWeights', weights: w },
      opts.transfer === false ? [] : weightBuffers(w),
    ) as Promise<DoneEvent>;
  }

  /** A copy of the current weights by key. */
  async getWeights(): Promise<Map<string, Float32Array>> {
    const e = await this.request({ type: 'getWeights' });
    return new Map(Object.entries((e as Extract<WorkerEvent, { type: 'weights' }>).values));
  }

  /** Loss and metrics on `data` (default: the training data), dropout off. */
  async evaluate(data?: WireData): Promise<WireLogs> {
    const e = await this.request({ type: 'evaluate', ...(data ? { data } : {}) });
    return (e as Extract<WorkerEvent, { type: 'evaluation' }>).logs;
  }

  /** Predictions for every row of `data`, by output node id. */
  async predict(data: WireData): Promise<Record<string, WireRows>> {
    const e = await this.request({ type: 'predict', data });
    return (e as Extract<WorkerEvent, { type: 'predictions' }>).outputs;
  }

  /** Predictions and bound targets for every row of the session's training or validation data. */
  async inspect(split: 'train' | 'validation'): Promise<{
    outputs: Record<string, WireRows>;
    targets: Record<string, WireRows>;
  }> {
    const e = (await this.request({ type: 'inspect', split })) as Extract<
      WorkerEvent,
      { type: 'predictions' }
    >;
    return { outputs: e.outputs, targets: e.targets ?? {} };
  }

  /** The bound (scaled) input rows at `indices` of a split, by Input node id. */
  async rows(split: 'train' | 'validation', indices: number[]): Promise<Record<string, WireRows>> {
    const e = await this.request({ type: 'rows', split, indices });
    return (e as Extract<WorkerEvent, { type: 'rows' }>).inputs;
  }

  /** Sends a raw message (for callers that build requests themselves); resolves with the answer. */
  request(body: RequestBody, transfer: Transferable[] = []): Promise<WorkerEvent> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<WorkerEvent>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id }, transfer);
    });
  }

  /** Stops the worker; pending requests are rejected. */
  dispose(): void {
    this.worker.terminate?.();
    this.crash(
      new LoomError(
        'worker/failed',
        'the training worker was stopped',
        {},
        'Load the project again.',
      ),
      false,
    );
  }

  private receive(e: WorkerEvent): void {
    if ('re' in e && e.re !== undefined && e.type !== 'progress') {
      const p = this.pending.get(e.re);
      if (p) {
        this.pending.delete(e.re);
        if (e.type === 'error') p.reject(toLoomError(e));
        else p.resolve(e);
        return;
      }
    }
    if (e.type === 'metrics' || e.type === 'progress' || e.type === 'backend' || e.type === 'error')
      for (const l of this.listeners.get(e.type) ?? []) l(e);
  }

  private crash(err: LoomError, notify = true): void {
    this.failure ??= err;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(err);
    if (!notify) return;
    const event = errorEvent(err);
    for (const l of this.listeners.get('error') ?? []) l(event);
  }
}

/** The LoomError an error event describes. */
export function toLoomError(e: ErrorEvent): LoomError {
  return new LoomError(e.code, e.what, e.where, e.fix);
}
