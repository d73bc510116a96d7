// Getting a WebGL2 context fit for training: float render targets (EXT_color_buffer_float) are
// required. Failures are LoomErrors naming what is missing, so a caller can fall back to the CPU.
import { errorMessage, LoomError } from '../../errors.ts';

/** Where the backend draws: a canvas (OffscreenCanvas works in a Worker) or a ready context. */
export type WebglTarget = OffscreenCanvas | HTMLCanvasElement | WebGL2RenderingContext;

const CONTEXT_ATTRIBUTES: WebGLContextAttributes = {
  alpha: false,
  antialias: false,
  depth: false,
  stencil: false,
  premultipliedAlpha: false,
  preserveDrawingBuffer: false,
  powerPreference: 'high-performance',
  failIfMajorPerformanceCaveat: false,
};

function unavailable(what: string): LoomError {
  return new LoomError(
    'backend/webgl',
    `WebGL2 training is unavailable: ${what}`,
    {},
    'Training continues on the CPU backend; update the browser or graphics driver, or enable hardware acceleration, to use the GPU.',
  );
}

function isContext(t: unknown): t is WebGL2RenderingContext {
  return typeof WebGL2RenderingContext !== 'undefined' && t instanceof WebGL2RenderingContext;
}

/** A WebGL2 context with float render targets; throws LoomError('backend/webgl') naming what is missing. */
export function acquireContext(target?: WebglTarget): WebGL2RenderingContext {
  let gl: WebGL2RenderingContext | null;
  if (target && isContext(target)) gl = target;
  else {
    let canvas = target as OffscreenCanvas | HTMLCanvasElement | undefined;
    if (!canvas) {
      if (typeof OffscreenCanvas !== 'undefined') canvas = new OffscreenCanvas(1, 1);
      else if (typeof document !== 'undefined') canvas = document.createElement('canvas');
      else throw unavailable('this environment has neither OffscreenCanvas nor a DOM canvas');
    }
    gl = canvas.getContext('webgl2', CONTEXT_ATTRIBUTES) as WebGL2RenderingContext | null;
    if (!gl) throw unavailable('the browser could not create a WebGL2 context');
  }
  if (!gl.getExtension('EXT_color_buffer_float'))
    throw unavailable('the GPU cannot render to float32 textures (EXT_color_buffer_float missing)');
  return gl;
}

/** Whether a WebGL2 backend can be created here, and if not, why (for the fallback notice). */
export function webglAvailability(
  target?: WebglTarget,
): { ok: true } | { ok: false; reason: string } {
  try {
    const gl = acquireContext(target);
    if (!target) gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: errorMessage(e) };
  }
}
