// How a training step applies its gradients. On the host: the Keras optimizer kernels update the
// session's Float32Arrays (with clipnorm and a finiteness check). On the GPU: a backend whose
// executors can update parameters in place (WebGL2's fused optimizer passes) keeps weights and
// optimizer slots in textures, so a step reads back only the loss; host copies sync on demand.
import type { Executor } from '../backends/types.ts';
import type { Program } from '../compile/program.ts';
import { LoomError } from '../errors.ts';
import { clipByNorm } from '../train/optimizers/clip.ts';
import { allFinite } from '../train/stats.ts';
import type { OptimizerDef, OptimizerType } from '../train/optimizers/types.ts';

/** The gradients and applied changes of one step, per parameter key (only when asked for). */
export interface StepDetail {
  grads: Map<string, Float32Array>;
  updates: Map<string, Float32Array>;
}

/** Applies optimizer updates and owns where the current weights live. */
export interface Updater {
  /** One update from the gradients of the program just run; iteration is 1-based. */
  apply(program: Program, exec: Executor, iteration: number, detail: boolean): StepDetail;
  /** Makes the host weight arrays current. */
  syncHost(): void;
  /** The host weight arrays were changed (setWeights, reset): make them the truth again. */
  hostChanged(): void;
  /** Restarts the optimizer state (slots) from Keras's initial values. */
  resetState(): void;
  /** New hyperparameters (e.g. a learning rate) from the next update on; the state is kept. */
  setHyper(hyper: Record<string, unknown>): void;
}

/** An executor that can run optimizer passes on its backend (see engine/backends/webgl/types.ts). */
interface ResidentExecutor extends Executor {
  applyUpdate(optimizer: OptimizerType, hyper: Record<string, unknown>, iteration: number): void;
  syncParams(): void;
  uploadParams(): void;
  resetSlots(): void;
}

function isResident(exec: Executor): exec is ResidentExecutor {
  const e = exec as Partial<ResidentExecutor>;
  return typeof e.applyUpdate === 'function' && typeof e.syncParams === 'function';
}

/** The GPU updater when `exec` supports it and nothing needs host-side gradients, else the host one. */
export function chooseUpdater(
  exec: Executor,
  optimizer: OptimizerDef<Record<string, unknown>>,
  hyper: Record<string, unknown>,
  weights: Map<string, Float32Array>,
  clipnorm: number | null,
): Updater {
  // clipnorm needs each gradient's norm on the host; the GPU passes do not clip.
  if (clipnorm === null && isResident(exec))
    return new GpuUpdater(exec, optimizer.type, hyper, weights);
  return new HostUpdater(optimizer, hyper, weights, clipnorm);
}

class HostUpdater implements Updater {
  private readonly slots = new Map<string, Float32Array[]>();
  /** Per parameter: its values and slots before the current update. */
  private readonly saved = new Map<string, Float32Array[]>();

  constructor(
    private readonly optimizer: OptimizerDef<Record<string, unknown>>,
    private hyper: Record<string, unknown>,
    private readonly weights: Map<string, Float32Array>,
    private readonly clipnorm: number | null,
  ) {
    this.resetState();
  }

  apply(program: Program, exec: Executor, iteration: number, detail: boolean): StepDetail {
    const pending: { key: string; grad: Float32Array }[] = [];
    for (const g of program.grads) {
      if (g.id === null) continue;
      let grad = exec.read(g.id);
      if (this.clipnorm !== null) grad = clipByNorm(grad, this.clipnorm);
      if (!allFinite(grad))
        throw new LoomError(
          'train/numeric',
          `the gradient of ${g.key} has a non-finite value at step ${iteration}; the update was not applied`,
          { param: g.key },
          'Lower the learning rate or enable gradient clipping (clipnorm).',
        );
      pending.push({ key: g.key, grad });
    }
    const out: StepDetail = { grads: new Map(), updates: new Map() };
    // Keep the pre-update state, so an update that overflows can be taken back whole.
    for (const { key } of pending) this.snapshot(key);
    for (const { key, grad } of pending) {
      const param = this.weights.get(key)!;
      this.optimizer.update(param, grad, this.slots.get(key)!, this.hyper, iteration);
      if (!allFinite(param)) {
        for (const p of pending) this.restore(p.key);
        throw new LoomError(
          'train/numeric',
          `the update at step ${iteration} made ${key} non-finite (an overflow); it was not applied, so the weights are the last good ones`,
          { param: key },
          'Lower the learning rate, enable gradient clipping (clipnorm), or scale the inputs.',
        );
      }
      if (detail) {
        out.grads.set(key, Float32Array.from(grad));
        out.updates.set(key, difference(param, this.saved.get(key)![0]));
      }
    }
    return out;
  }

  /** Copies a parameter and its optimizer slots into preallocated buffers (no allocation per step). */
  private snapshot(key: string): void {
    const live = [this.weights.get(key)!, ...this.slots.get(key)!];
    let saved = this.saved.get(key);
    if (!saved) this.saved.set(key, (saved = live.map((a) => new Float32Array(a.length))));
    live.forEach((a, i) => saved[i].set(a));
  }

  private restore(key: string): void {
    const live = [this.weights.get(key)!, ...this.slots.get(key)!];
    this.saved.get(key)!.forEach((a, i) => live[i].set(a));
  }

  syncHost(): void {}

  setHyper(hyper: Record<string, unknown>): void {
    this.hyper = hyper;
  }

  hostChanged(): void {}

  resetState(): void {
    this.slots.clear();
    for (const [key, w] of this.weights) {
      const init = this.optimizer.slots(this.hyper);
      this.slots.set(
        key,
        init.map((s) => new Float32Array(w.length).fill(s.init)),
      );
    }
  }
}

class GpuUpdater implements Updater {
  /** True while the GPU holds newer weights than the host arrays. */
  private stale = false;

  constructor(
    private readonly exec: ResidentExecutor,
    private readonly type: OptimizerType,
    private hyper: Record<string, unknown>,
    private readonly weights: Map<string, Float32Array>,
  ) {}

  apply(program: Program, exec: Executor, iteration: number, detail: boolean): StepDetail {
    const out: StepDetail = { grads: new Map(), updates: new Map() };
    const before = new Map<string, Float32Array>();
    if (detail) {
      this.syncHost();
      for (const g of program.grads) {
        if (g.id === null) continue;
        out.grads.set(g.key, Float32Array.from(exec.read(g.id)));
        before.set(g.key, Float32Array.from(this.weights.get(g.key)!));
      }
    }
    (exec as ResidentExecutor).applyUpdate(this.type, this.hyper, iteration);
    this.stale = true;
    if (detail) {
      this.syncHost();
      for (const [key, b] of before) out.updates.set(key, difference(this.weights.get(key)!, b));
    }
    return out;
  }

  syncHost(): void {
    if (!this.stale) return;
    this.exec.syncParams();
    this.stale = false;
  }

  hostChanged(): void {
    this.exec.uploadParams();
    this.stale = false;
  }

  resetState(): void {
    this.exec.resetSlots();
  }

  setHyper(hyper: Record<string, unknown>): void {
    this.hyper = hyper;
  }
}

function difference(after: Float32Array, before: Float32Array): Float32Array {
  const d = new Float32Array(after.length);
  for (let i = 0; i < after.length; i++) d[i] = after[i] - before[i];
  return d;
}
