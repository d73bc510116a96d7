// The WebGL2 backend's public surface beyond the Backend/Executor contract: GPU-resident
// parameters and a fused optimizer update, so a whole training step can stay on the GPU.
import type { Program } from '../../compile/program.ts';
import type { OptimizerType } from '../../train/optimizers/types.ts';
import type { Backend, Executor } from '../types.ts';

/**
 * An executor on WebGL2 textures. Parameters live in GPU textures shared by every executor of the
 * same backend that is bound to the same host Float32Array. By default the host arrays are the
 * truth and run() uploads them (so TrainingSession's CPU-side optimizer just works); after
 * `keepParamsOnGpu()` (or the first `applyUpdate`) the GPU copies are the truth.
 */
export interface WebglExecutor extends Executor {
  /** From now on run() uses the GPU copies of the parameters without uploading the host arrays. */
  keepParamsOnGpu(): void;
  /** Copies the bound host arrays to the GPU (after editing weights on the host in GPU mode). */
  uploadParams(): void;
  /** Copies the GPU parameters into the bound host arrays. */
  syncParams(): void;
  /**
   * One optimizer update of every trainable parameter from this program's gradients (computed by
   * the last run()), on the GPU: one fused pass per parameter, optimizer slots kept in textures
   * (created at the first call with Keras's initial values). `iteration` is 1-based. Implies
   * keepParamsOnGpu(). Gradient clipping (clipnorm) is not applied here.
   */
  applyUpdate(optimizer: OptimizerType, hyper: Record<string, unknown>, iteration: number): void;
  /** Resets the optimizer slots on the GPU to their initial values. */
  resetSlots(): void;
  /** The current optimizer slot values of parameter `key` (downloaded copies, in slot order). */
  readSlots(key: string): Float32Array[];
  /** Runs once, timing each kernel (synchronising after every draw): for benchmarks only. */
  profile(): { kernel: string; ms: number }[];
  /** Frees this executor's textures (shared parameters are freed with their last executor). */
  dispose(): void;
}

/** The WebGL2 backend: makes WebglExecutors on one context. */
export interface WebglBackend extends Backend {
  readonly name: 'webgl';
  readonly gl: WebGL2RenderingContext;
  createExecutor(program: Program): WebglExecutor;
  /** Textures and GPU bytes of all executors plus the shared parameters and optimizer slots. */
  memory(): { textures: number; bytes: number };
  /** Compiled kernel variants so far (each shader source is compiled once). */
  kernelCount(): number;
}
