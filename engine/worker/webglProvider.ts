// The WebGL2 provider: each open() makes a new OffscreenCanvas and context (a lost context cannot
// be reused), so recovering from a context loss is just opening again.
import { createWebglBackend } from '../backends/webgl/index.ts';
import { errorMessage } from '../errors.ts';
import type { BackendProvider } from './providers.ts';

/** Opens WebGL2 backends on fresh OffscreenCanvases (or DOM canvases outside workers). */
export const webglProvider: BackendProvider = {
  name: 'webgl',
  open() {
    let backend;
    try {
      backend = createWebglBackend();
    } catch (e) {
      return { ok: false, reason: errorMessage(e) };
    }
    const gl = backend.gl;
    return {
      ok: true,
      handle: {
        backend,
        lost: () => gl.isContextLost(),
        loseContext() {
          const ext = gl.getExtension('WEBGL_lose_context');
          if (!ext) return false;
          ext.loseContext();
          return true;
        },
        dispose() {
          if (!gl.isContextLost()) gl.getExtension('WEBGL_lose_context')?.loseContext();
        },
      },
    };
  },
};
