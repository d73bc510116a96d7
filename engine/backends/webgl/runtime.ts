// One WebGL2 context's state: the GPU wrapper (kernel cache, textures) and the parameter store
// shared by every executor made on it.
import type { Program } from '../../compile/program.ts';
import { GlExecutor } from './executor.ts';
import { Gpu } from './gpu.ts';
import { ParamStore } from './params.ts';
import type { WebglExecutor } from './types.ts';

export class WebglRuntime {
  readonly gpu: Gpu;
  readonly store: ParamStore;

  constructor(gl: WebGL2RenderingContext) {
    this.gpu = new Gpu(gl);
    this.store = new ParamStore(this.gpu);
  }

  createExecutor(program: Program): WebglExecutor {
    return new GlExecutor(this.gpu, this.store, program);
  }

  /** Every texture on this context: executors' buffers, parameters and optimizer slots. */
  memory(): { textures: number; bytes: number } {
    return { textures: this.gpu.textures, bytes: this.gpu.bytes };
  }
}
