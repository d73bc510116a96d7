// The WebGL2 backend: executors that run compiled Programs as fragment-shader kernels on RGBA32F
// textures (shaders/), with buffers planned once per program and optional GPU-resident training.
import { acquireContext, type WebglTarget } from './context.ts';
import { WebglRuntime } from './runtime.ts';
import type { WebglBackend } from './types.ts';

export { webglAvailability, type WebglTarget } from './context.ts';
export type { WebglBackend, WebglExecutor } from './types.ts';

/**
 * A WebGL2 backend on `target` (default: a new OffscreenCanvas, so it works in a Worker). Throws
 * LoomError('backend/webgl') naming what is missing (WebGL2, EXT_color_buffer_float).
 */
export function createWebglBackend(target?: WebglTarget): WebglBackend {
  const runtime = new WebglRuntime(acquireContext(target));
  return {
    name: 'webgl',
    gl: runtime.gpu.gl,
    createExecutor: (program) => runtime.createExecutor(program),
    memory: () => runtime.memory(),
    kernelCount: () => runtime.gpu.kernelCount(),
  };
}
