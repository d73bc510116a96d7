// Where the worker's backends come from. A provider opens a fresh backend (for WebGL: a new
// OffscreenCanvas and context) or says why it cannot; a handle can tell when its GPU context was
// lost, so no result computed on a lost context is ever used.
import { cpuBackend } from '../backends/cpu/executor.ts';
import type { Backend } from '../backends/types.ts';
import type { BackendName } from './protocol.ts';

/** An opened backend and what it takes to watch over it. */
export interface BackendHandle {
  readonly backend: Backend;
  /** True once the GPU context is lost: results read since the last check may be garbage. */
  lost(): boolean;
  /** Forces a context loss (WEBGL_lose_context); false where that cannot be done. For tests. */
  loseContext(): boolean;
  /** Releases the context (after a loss, or when the session ends). */
  dispose(): void;
}

/** Opens backends of one kind. */
export interface BackendProvider {
  readonly name: BackendName;
  /** A new backend, or the reason there is none (shown to the user). */
  open(): { ok: true; handle: BackendHandle } | { ok: false; reason: string };
}

/** The CPU reference backend: always available, never loses anything. */
export const cpuProvider: BackendProvider = {
  name: 'cpu',
  open: () => ({
    ok: true,
    handle: { backend: cpuBackend, lost: () => false, loseContext: () => false, dispose: () => {} },
  }),
};
