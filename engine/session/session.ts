// TrainingSession: Keras-semantics training of one project on one backend. step() is exactly one
// gradient update on the next mini-batch; epoch() runs the rest of the epoch with seeded shuffling;
// evaluate() and predict() run the inference programs. Dropout is active only in training.
import { cpuBackend } from '../backends/cpu/executor.ts';
import type { Backend, Executor } from '../backends/types.ts';
import { compile, parseConfig } from '../compile/compile.ts';
import {
  STEP_SEED,
  inputKey,
  targetKey,
  type ParamSpec,
  type Program,
  type ProgramMode,
} from '../compile/program.ts';
import type { Project } from '../document/schema.ts';
import { LoomError } from '../errors.ts';
import { inferShapes, type Inference } from '../graph/infer.ts';
import { Rng } from '../random/rng.ts';
import { getOptimizer } from '../train/optimizers/registry.ts';
import type { OptimizerDef } from '../train/optimizers/types.ts';
import { splitValidation, type BoundData, type Rows } from './bind.ts';
import { EpochAccumulator } from './epochLogs.ts';
import { chooseUpdater, type Updater } from './updater.ts';
import { initialWeights, projectWeights } from './weights.ts';

/** Loss and metrics by Keras log name ('loss', 'accuracy', 'dense3_loss', …). */
export type Logs = Record<string, number>;

/** What one gradient update did. */
export interface StepResult {
  /** Updates applied so far, this one included (1-based). */
  step: number;
  /** 0-based epoch and batch index of the batch just used. */
  epoch: number;
  batch: number;
  batchSize: number;
  /** Loss and metrics on this batch, before the update (as Keras reports them). */
  logs: Logs;
  loss: number;
  /** Per trainable parameter key: the gradient and the applied change (after − before). */
  grads: Map<string, Float32Array>;
  updates: Map<string, Float32Array>;
  /** True when this batch was the last of its epoch. */
  epochEnded: boolean;
}

export interface SessionOptions {
  backend?: Backend;
  /** Validation data; default: the last `validationSplit` of the training data, as Keras does. */
  validation?: BoundData;
}

export class TrainingSession {
  readonly inference: Inference;
  readonly backend: Backend;
  /** The session's weight arrays (executors are bound to them; GPU training syncs them lazily). */
  private readonly host: Map<string, Float32Array>;
  /** Keys of weights loaded from the project and of those freshly initialised. */
  readonly kept: string[];
  readonly initialised: string[];
  private readonly programs = new Map<string, { program: Program; exec: Executor }>();
  private readonly updater: Updater;
  /** The rows trained on, and the validation rows (given, or split off as Keras does). */
  readonly train: BoundData;
  readonly val: BoundData | null;
  /** The train program/executor of the latest step (its feeds still hold that batch). */
  private last: { program: Program; exec: Executor } | null = null;
  private iteration = 0;
  private epochIndex = 0;
  private cursor = 0;
  private order: Int32Array;

  constructor(
    /** The project as trained (its optimizer params follow setOptimizerParams). */
    public doc: Project,
    data: BoundData,
    opts: SessionOptions = {},
  ) {
    this.inference = inferShapes(doc);
    this.backend = opts.backend ?? cpuBackend;
    const split = opts.validation
      ? { train: data, val: opts.validation }
      : splitValidation(data, doc.training.validationSplit);
    this.train = split.train;
    this.val = split.val;
    if (this.train.n === 0)
      throw new LoomError(
        'train/config',
        'there are no training samples',
        {},
        'Bind data with at least one row, or lower the validation split.',
      );
    const first = this.get('train', Math.min(doc.training.batchSize, this.train.n));
    const w = initialWeights(doc, first.program.params);
    this.host = w.values;
    this.kept = w.kept;
    this.initialised = w.initialised;
    const optimizer = getOptimizer(doc.training.optimizer.type) as unknown as OptimizerDef<
      Record<string, unknown>
    >;
    const hyper = parseConfig(
      optimizer.hyper,
      doc.training.optimizer.params,
      `${doc.training.optimizer.type} settings`,
    );
    for (const { exec } of this.programs.values()) this.bindAll(exec);
    this.updater = chooseUpdater(first.exec, optimizer, hyper, this.host, doc.training.clipnorm);
    this.order = this.shuffled();
  }

  /** The current weights by param key ('<nodeId>/<weight>'); copy them to keep them. */
  get weights(): Map<string, Float32Array> {
    this.updater.syncHost();
    return this.host;
  }

  /** Every parameter of the model (the same in every program), in model order. */
  get params(): readonly ParamSpec[] {
    return [...this.programs.values()][0].program.params;
  }

  /** Number of updates applied so far. */
  get steps(): number {
    return this.iteration;
  }

  /** The current (0-based) epoch index and batches per epoch. */
  get epoch(): number {
    return this.epochIndex;
  }
  get batchesPerEpoch(): number {
    return Math.ceil(this.train.n / this.doc.training.batchSize);
  }

  /** Exactly one gradient update on the next mini-batch. */
  step(detail = true): StepResult {
    const bs = this.doc.training.batchSize;
    const start = this.cursor;
    const end = Math.min(start + bs, this.train.n);
    const { program, exec } = this.get('train', end - start);
    this.fill(exec, program, this.train, this.order, start, end, true);
    exec.feed(STEP_SEED)[0] = this.iteration;
    exec.run();
    this.last = { program, exec };
    const logs = this.readLogs(program, exec);
    if (!Number.isFinite(logs.loss))
      throw new LoomError(
        'train/numeric',
        `the loss became ${logs.loss} at step ${this.iteration + 1} (epoch ${this.epochIndex + 1}, batch ${start / bs + 1}); the update was not applied, so the weights are the last good ones`,
        {},
        'Lower the learning rate, enable gradient clipping (clipnorm), or scale the inputs.',
      );
    // An update that fails applies nothing, so the step counter only moves after it succeeded.
    const { grads, updates } = this.updater.apply(program, exec, this.iteration + 1, detail);
    this.iteration++;
    const result: StepResult = {
      step: this.iteration,
      epoch: this.epochIndex,
      batch: Math.floor(start / bs),
      batchSize: end - start,
      logs,
      loss: logs.loss,
      grads,
      updates,
      epochEnded: end >= this.train.n,
    };
    this.cursor = end;
    if (result.epochEnded) {
      this.epochIndex++;
      this.cursor = 0;
      this.order = this.shuffled();
    }
    return result;
  }

  /**
   * Gradients of the loss w.r.t. node outputs (by node id) at the latest step: what flowed back
   * along each node's outgoing edges. Read it right after step(), before anything else runs.
   */
  activationGrads(): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    if (!this.last) return out;
    for (const a of this.last.program.activationGrads)
      out.set(a.nodeId, Float32Array.from(this.last.exec.read(a.id)));
    return out;
  }

  /**
   * Loss and metrics of the latest step's batch with the current weights, in training mode with
   * the same dropout mask: the "after" of a step. It reruns that batch's program (gradients
   * included) without applying an update, so read activationGrads() first.
   */
  lastBatchLogs(): Logs {
    if (!this.last) return {};
    this.last.exec.run();
    return this.readLogs(this.last.program, this.last.exec);
  }

  /**
   * Runs the rest of the current epoch; returns Keras's epoch logs: batch-size-weighted means of
   * the batch losses/metrics, plus val_* when there is validation data.
   */
  runEpoch(onBatch?: (r: StepResult) => void): Logs {
    const epoch = new EpochAccumulator();
    for (;;) {
      const r = this.step(false);
      epoch.add(r);
      onBatch?.(r);
      if (r.epochEnded) break;
    }
    const logs = epoch.take();
    if (this.val)
      for (const [k, v] of Object.entries(this.evaluate(this.val))) logs[`val_${k}`] = v;
    return logs;
  }

  /** Loss and metrics over `data` (default: training data), dropout off, in batches. */
  evaluate(data: BoundData = this.train): Logs {
    const sums: Logs = {};
    const bs = this.doc.training.batchSize;
    const all = identity(data.n);
    for (let start = 0; start < data.n; start += bs) {
      const end = Math.min(start + bs, data.n);
      const { program, exec } = this.get('eval', end - start);
      this.fill(exec, program, data, all, start, end, true);
      exec.run();
      for (const [k, v] of Object.entries(this.readLogs(program, exec)))
        sums[k] = (sums[k] ?? 0) + v * (end - start);
    }
    const logs: Logs = {};
    for (const [k, v] of Object.entries(sums)) logs[k] = v / data.n;
    return logs;
  }

  /** Predictions for every row of `data`: one [n × width] matrix per output node id. */
  predict(data: BoundData): Map<string, Rows> {
    const bs = this.doc.training.batchSize;
    const all = identity(data.n);
    const out = new Map<string, Rows>();
    for (let start = 0; start < data.n; start += bs) {
      const end = Math.min(start + bs, data.n);
      const { program, exec } = this.get('predict', end - start);
      this.fill(exec, program, data, all, start, end, false);
      exec.run();
      for (const o of program.outputs) {
        const y = exec.read(o.id);
        const width = y.length / (end - start);
        if (!out.has(o.nodeId))
          out.set(o.nodeId, { width, data: new Float32Array(data.n * width) });
        out.get(o.nodeId)!.data.set(y, start * width);
      }
    }
    return out;
  }

  /** Replaces weights by key (values are copied; shapes must match). */
  setWeights(values: ReadonlyMap<string, Float32Array>): void {
    for (const [key, v] of values) {
      const w = this.weights.get(key);
      if (!w || w.length !== v.length)
        throw new LoomError(
          'weights/mismatch',
          `weight '${key}' does not match the model`,
          { param: key },
          'Load weights saved from the same model.',
        );
      w.set(v);
    }
    this.updater.hostChanged();
  }

  /**
   * New optimizer hyperparameters (same optimizer type) from the next step on, keeping its state,
   * as changing a Keras optimizer's learning rate mid-training does.
   */
  setOptimizerParams(params: Record<string, unknown>): void {
    const type = this.doc.training.optimizer.type;
    const hyper = parseConfig(getOptimizer(type).hyper, params, `${type} settings`);
    this.updater.setHyper(hyper as Record<string, unknown>);
    this.doc = {
      ...this.doc,
      training: { ...this.doc.training, optimizer: { type, params: { ...params } } },
    };
  }

  /** Re-initialises every weight from the seed and restarts optimizer state and epochs. */
  reset(): void {
    const fresh = initialWeights(this.doc, this.params, true);
    for (const [k, v] of fresh.values) this.host.get(k)!.set(v);
    this.updater.hostChanged();
    this.updater.resetState();
    this.last = null;
    this.iteration = 0;
    this.epochIndex = 0;
    this.cursor = 0;
    this.order = this.shuffled();
  }

  /** The project with the current weights stored in it (for saving). */
  projectWithWeights(): Project {
    return { ...this.doc, weights: projectWeights(this.params, this.weights) };
  }

  /** Buffers and bytes held by all compiled programs (constant across steps). */
  memory(): { buffers: number; bytes: number } {
    let buffers = 0;
    let bytes = 0;
    for (const { exec } of this.programs.values()) {
      const m = exec.memory();
      buffers += m.buffers;
      bytes += m.bytes;
    }
    return { buffers, bytes };
  }

  private get(mode: ProgramMode, batchSize: number): { program: Program; exec: Executor } {
    const key = `${mode}:${batchSize}`;
    let entry = this.programs.get(key);
    if (!entry) {
      const program = compile(this.doc, { mode, batchSize, inference: this.inference });
      entry = { program, exec: this.backend.createExecutor(program) };
      this.programs.set(key, entry);
      if (this.host) this.bindAll(entry.exec);
    }
    return entry;
  }

  private bindAll(exec: Executor): void {
    for (const [key, v] of this.host) exec.bindParam(key, v);
  }

  private shuffled(): Int32Array {
    if (!this.doc.training.shuffle) return identity(this.train.n);
    // One stream per epoch: the same seed always yields the same batches.
    return new Rng((this.doc.training.seed * 1_000_003 + this.epochIndex) >>> 0).permutation(
      this.train.n,
    );
  }

  private fill(
    exec: Executor,
    program: Program,
    data: BoundData,
    order: Int32Array,
    start: number,
    end: number,
    targets: boolean,
  ): void {
    for (const f of program.feeds) {
      let rows: Rows | undefined;
      if (f.key.startsWith('input:')) rows = data.inputs.get(f.key.slice(inputKey('').length));
      else if (targets && f.key.startsWith('target:'))
        rows = data.targets.get(f.key.slice(targetKey('').length));
      if (!rows) continue;
      const dst = exec.feed(f.key);
      const w = rows.width;
      for (let i = start; i < end; i++) {
        const src = order[i] * w;
        const o = (i - start) * w;
        for (let j = 0; j < w; j++) dst[o + j] = rows.data[src + j];
      }
    }
  }

  private readLogs(program: Program, exec: Executor): Logs {
    const logs: Logs = { loss: exec.read(program.loss!.total)[0] };
    if (program.loss!.parts.length > 1)
      for (const p of program.loss!.parts) logs[p.name] = exec.read(p.id)[0];
    for (const m of program.metrics) logs[m.name] = exec.read(m.id)[0];
    return logs;
  }
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}
