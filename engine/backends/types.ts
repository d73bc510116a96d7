// What a training session needs from a backend: an executor per compiled Program. The CPU backend
// implements it here; the WebGL2 backend implements the same interface on textures.
import type { Program } from '../compile/program.ts';

/** Runs one compiled program repeatedly without allocating. */
export interface Executor {
  /** Host buffer to fill before run() for a feed key (features, targets, step seed). */
  feed(key: string): Float32Array;
  /** Points a parameter at host memory the session owns (shared by all programs). */
  bindParam(key: string, data: Float32Array): void;
  /** Runs every step of the program. */
  run(): void;
  /** The current value of node `id` (a view; copy it to keep it). */
  read(id: number): Float32Array;
  /** Buffers and bytes the executor holds (constant after construction). */
  memory(): { buffers: number; bytes: number };
}

/** A backend: makes executors for programs. */
export interface Backend {
  readonly name: 'cpu' | 'webgl';
  createExecutor(program: Program): Executor;
}
