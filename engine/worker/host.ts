// The session host: the worker side of the protocol. It owns one TrainingSession on an
// AdaptiveBackend (WebGL2 when available and correct, else the CPU, with the reason), answers
// every request exactly once, and trains in time slices that yield to the event loop between
// steps, so pause and step requests are handled after at most one step. Nothing here touches
// the DOM; the port is whatever posts messages (a worker scope, a MessagePort, a test double).
import { parseProject } from '../document/parse.ts';
import type { Project } from '../document/schema.ts';
import { errorMessage, isLoomError, LoomError } from '../errors.ts';
import { inferShapes, type Inference } from '../graph/infer.ts';
import { bindData, rowRange, type BoundData } from '../session/bind.ts';
import { EpochAccumulator } from '../session/epochLogs.ts';
import { TrainingSession, type StepResult } from '../session/session.ts';
import { loadSource } from '../session/source.ts';
import { AdaptiveBackend } from './adaptive.ts';
import { inspectedStep, pickRows } from './inspect.ts';
import { yieldToEvents } from './yield.ts';
import { MetricsBuffer } from './metrics.ts';
import {
  buffersOf,
  errorEvent,
  rowsBuffers,
  weightBuffers,
  type BackendName,
  type LoadRequest,
  type Position,
  type Request,
  type WireWeights,
  type WorkerEvent,
} from './protocol.ts';
import { cpuProvider, type BackendProvider } from './providers.ts';
import { messageId, parseRequest } from './validate.ts';
import { checkWeights, fromWire, rowsRecord } from './wire.ts';

/** Whatever carries events to the client. */
export interface HostPort {
  postMessage(message: WorkerEvent, transfer: Transferable[]): void;
}

export interface HostOptions {
  /** Absent where this build or environment has no WebGL backend. */
  webgl?: BackendProvider;
  cpu?: BackendProvider;
  /** Compare each program's first GPU run with the CPU (default true). */
  verify?: boolean;
  now?: () => number;
  /** Longest stretch of training between two yields to the event loop. */
  sliceMs?: number;
  metricsIntervalMs?: number;
  /** Spacing of gradient-statistics samples while training (each costs a gradient read-back). */
  statsIntervalMs?: number;
}

interface Loaded {
  doc: Project;
  inf: Inference;
  session: TrainingSession;
  backend: AdaptiveBackend;
  /** The weights the session started with, for reset. */
  initial: Map<string, Float32Array>;
}

interface ActiveRun {
  re: number;
  stopped: boolean;
}

/** Serves the training protocol for one client. */
export class SessionHost {
  private loaded: Loaded | null = null;
  private active: ActiveRun | null = null;
  private readonly metrics: MetricsBuffer;
  private readonly epochLogs = new EpochAccumulator();
  private readonly now: () => number;
  private lastStats = -Infinity;

  constructor(
    private readonly port: HostPort,
    private readonly opts: HostOptions = {},
  ) {
    this.now = opts.now ?? (() => performance.now());
    this.metrics = new MetricsBuffer(this.now, opts.metricsIntervalMs);
  }

  /** The backend in use (for tests that force a context loss). */
  get backend(): AdaptiveBackend | null {
    return this.loaded?.backend ?? null;
  }

  /** Handles one received message; never throws (failures become error events). */
  handle(raw: unknown): void {
    let req: Request;
    try {
      req = parseRequest(raw);
    } catch (e) {
      this.fail(messageId(raw), e);
      return;
    }
    try {
      this.dispatch(req);
    } catch (e) {
      this.fail(req.id, e);
    }
  }

  private dispatch(req: Request): void {
    switch (req.type) {
      case 'load':
        this.stop();
        this.load(req);
        return;
      case 'pause':
        this.stop();
        this.post({ type: 'paused', re: req.id, ...this.position() });
        return;
      case 'step':
        this.stop();
        void this.train(this.need(), req.id, 'steps', req.count ?? 1, req.detail ?? false);
        return;
      case 'run':
        this.stop();
        if (req.steps !== undefined)
          void this.train(this.need(), req.id, 'steps', req.steps, false);
        else void this.train(this.need(), req.id, 'epochs', req.epochs!, false);
        return;
      case 'reset': {
        this.stop();
        const l = this.need();
        l.session.reset();
        if (!req.fresh) l.session.setWeights(l.initial);
        this.metrics.clear();
        this.epochLogs.clear();
        this.post({ type: 'done', re: req.id, ...this.position() });
        return;
      }
      // Between two steps of an active run, without stopping it.
      case 'configure': {
        this.need().session.setOptimizerParams(req.optimizerParams);
        this.post({ type: 'done', re: req.id, ...this.position() });
        return;
      }
      case 'setWeights': {
        this.stop();
        const l = this.need();
        checkWeights(l.session, req.weights);
        l.session.setWeights(new Map(Object.entries(req.weights)));
        this.post({ type: 'done', re: req.id, ...this.position() });
        return;
      }
      // Reads run between two steps of an active run, without stopping it.
      case 'getWeights': {
        const values: WireWeights = {};
        for (const [k, v] of this.need().session.weights) values[k] = Float32Array.from(v);
        this.post({ type: 'weights', re: req.id, values }, weightBuffers(values));
        return;
      }
      case 'evaluate': {
        const l = this.need();
        const logs = req.data
          ? l.session.evaluate(fromWire(l.doc, l.inf, req.data))
          : l.session.evaluate();
        this.post({ type: 'evaluation', re: req.id, logs });
        return;
      }
      case 'inspect': {
        const l = this.need();
        const data = this.split(l, req.split);
        const outputs = rowsRecord(l.session.predict(data));
        const targets = rowsRecord(data.targets);
        this.post({ type: 'predictions', re: req.id, outputs, targets }, rowsBuffers(outputs));
        return;
      }
      case 'rows': {
        const inputs = pickRows(this.split(this.need(), req.split), req.indices, req.split);
        this.post({ type: 'rows', re: req.id, inputs }, rowsBuffers(inputs));
        return;
      }
      case 'predict': {
        const l = this.need();
        const out = l.session.predict(fromWire(l.doc, l.inf, req.data, { inputsOnly: true }));
        const outputs = rowsRecord(out);
        this.post({ type: 'predictions', re: req.id, outputs }, rowsBuffers(outputs));
        return;
      }
    }
  }

  private load(req: LoadRequest): void {
    this.loaded?.backend.dispose();
    this.loaded = null;
    this.metrics.clear();
    this.epochLogs.clear();
    const doc = parseProject(req.project);
    const inf = inferShapes(doc);
    const data = req.data
      ? fromWire(doc, inf, req.data)
      : bindData(doc, inf, req.arrays ?? loadSource(doc.data.source));
    const validation = req.validation ? fromWire(doc, inf, req.validation) : undefined;
    let announce = false;
    const backend = new AdaptiveBackend({
      prefer: req.preferBackend,
      cpu: this.opts.cpu ?? cpuProvider,
      webgl: this.opts.webgl,
      verify: this.opts.verify,
      onChange: (name: BackendName, reason: string) => {
        if (announce) this.post({ type: 'backend', backend: name, reason });
      },
    });
    try {
      const session = new TrainingSession(doc, data, { backend, validation });
      // The first batch's loss before any update; running it also self-checks the GPU forward pass.
      const initialLogs = session.evaluate(rowRange(session.train, 0, doc.training.batchSize));
      const initial = new Map([...session.weights].map(([k, v]) => [k, Float32Array.from(v)]));
      this.loaded = { doc, inf, session, backend, initial };
      const params = session.params.map((p) => ({
        key: p.key,
        shape: [...p.shape],
        trainable: p.trainable,
      }));
      this.post({
        type: 'ready',
        re: req.id,
        ...this.position(),
        backend: backend.name,
        ...(backend.reason !== undefined && req.preferBackend === 'webgl'
          ? { reason: backend.reason }
          : {}),
        memory: session.memory(),
        params,
        kept: session.kept,
        initialised: session.initialised,
        batchesPerEpoch: session.batchesPerEpoch,
        trainSamples: session.train.n,
        validationSamples: session.val?.n ?? 0,
        initialLogs,
      });
      announce = true;
    } catch (e) {
      backend.dispose();
      throw e;
    }
  }

  /** Trains `count` steps or epochs (epochs = epoch ends crossed, so a partial epoch completes). */
  private async train(
    l: Loaded,
    re: number,
    unit: 'steps' | 'epochs',
    count: number,
    detail: boolean,
  ): Promise<void> {
    const run: ActiveRun = { re, stopped: false };
    this.active = run;
    this.metrics.begin();
    const slice = this.opts.sliceMs ?? 8;
    let done = 0;
    let sliceStart = this.now();
    try {
      while (done < count) {
        const last = unit === 'steps' && done === count - 1;
        const r = this.stepOnce(l, detail && last, last);
        this.record(l, r);
        if (unit === 'steps' || r.epochEnded) done++;
        if (this.metrics.due()) this.report(re, done, count, unit);
        if (done < count && this.now() - sliceStart >= slice) {
          await yieldToEvents();
          if (run.stopped) return;
          sliceStart = this.now();
        }
      }
      this.report(re, done, count, unit);
      this.post({ type: 'done', re, ...this.position() });
    } catch (e) {
      this.flushMetrics();
      this.fail(re, e);
    } finally {
      if (this.active === run) this.active = null;
    }
  }

  /** One update; a detailed or sampled step also reports what it did (see inspect.ts). */
  private stepOnce(l: Loaded, detail: boolean, final: boolean): StepResult {
    const due = this.now() - this.lastStats >= (this.opts.statsIntervalMs ?? 250);
    if (!detail && !final && !due) return l.session.step(false);
    const r = inspectedStep(l.session, detail);
    this.metrics.setStats(r.stats);
    if (r.detail) this.metrics.setDetail(r.detail);
    this.lastStats = this.now();
    return r.result;
  }

  private split(l: Loaded, which: 'train' | 'validation'): BoundData {
    const { train, val } = l.session;
    if (which === 'train') return train;
    if (!val)
      throw new LoomError(
        'worker/state',
        'there is no validation data',
        {},
        'Set a validation split in the Data tab, or use the training rows.',
      );
    return val;
  }

  private record(l: Loaded, r: StepResult): void {
    this.epochLogs.add(r);
    this.metrics.add(r);
    if (!r.epochEnded) return;
    const logs = this.epochLogs.take();
    const val = l.session.val;
    if (val) for (const [k, v] of Object.entries(l.session.evaluate(val))) logs[`val_${k}`] = v;
    this.metrics.addEpoch({ epoch: r.epoch, logs });
  }

  private report(re: number, done: number, total: number, unit: 'steps' | 'epochs'): void {
    if (!this.flushMetrics()) return;
    this.post({ type: 'progress', re, done, total, unit, ...this.position() });
  }

  private flushMetrics(): boolean {
    const m = this.metrics.flush(this.position());
    if (!m) return false;
    const arrays = [m.losses, ...Object.values(m.series)];
    if (m.detail)
      for (const group of [m.detail.before, m.detail.grads, m.detail.updates, m.detail.after])
        arrays.push(...Object.values(group));
    this.post(m, buffersOf(arrays));
    return true;
  }

  /** Ends the active run after its current step; it is answered with 'paused'. */
  private stop(): void {
    const run = this.active;
    if (!run) return;
    run.stopped = true;
    this.active = null;
    this.flushMetrics();
    this.post({ type: 'paused', re: run.re, ...this.position() });
  }

  private need(): Loaded {
    if (!this.loaded)
      throw new LoomError(
        'worker/state',
        'no project is loaded in the training worker',
        {},
        'Load a project (with its data) before training, evaluating or reading weights.',
      );
    return this.loaded;
  }

  private position(): Position {
    const s = this.loaded?.session;
    return { step: s?.steps ?? 0, epoch: s?.epoch ?? 0 };
  }

  private fail(re: number | undefined, e: unknown): void {
    const err = isLoomError(e)
      ? e
      : new LoomError(
          'internal',
          `the training worker failed: ${errorMessage(e)}`,
          {},
          'This is a bug in Layerloom; reload the project.',
        );
    this.post(errorEvent(err, re));
  }

  private post(event: WorkerEvent, transfer: Transferable[] = []): void {
    this.port.postMessage(event, transfer);
  }
}
