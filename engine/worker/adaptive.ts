// A Backend that keeps a TrainingSession on correct results whatever the GPU does. Its executors
// wrap the real ones and
//  - check every program once against the CPU reference on its first run (same feeds, same
//    parameters) and move to the CPU, with the reason, when WebGL disagrees or fails;
//  - check for a lost WebGL context after every run and every read: results from a lost context
//    are discarded, the backend is rebuilt on a fresh context (or the CPU) and the run repeated.
// TrainingSession reads every value before it applies an update, and keeps weights and optimizer
// state in host memory, so a step either completes on good values or is recomputed: training
// resumes from the last good weights and never continues on garbage.
import type { Backend, Executor } from '../backends/types.ts';
import { errorMessage } from '../errors.ts';
import type { Program } from '../compile/program.ts';
import type { BackendName } from './protocol.ts';
import type { BackendHandle, BackendProvider } from './providers.ts';

export interface AdaptiveOptions {
  prefer: BackendName;
  cpu: BackendProvider;
  /** Absent when this build has no WebGL backend. */
  webgl?: BackendProvider;
  /** Called when the session moves to another backend (or a rebuilt context) mid-session. */
  onChange?: (backend: BackendName, reason: string) => void;
  /** Compare each program's first GPU run with the CPU reference (default true). */
  verify?: boolean;
  /** Context rebuilds allowed before settling on the CPU (default 3). */
  maxRebuilds?: number;
}

/** Relative and absolute (to the tensor's largest value) tolerances of the GPU self-check. */
const RTOL = 1e-3;
const ATOL = 1e-4;

/** A Backend whose executors survive context loss and wrong GPU results. */
export class AdaptiveBackend implements Backend {
  private handle: BackendHandle;
  /** Bumped whenever `handle` changes; executors rebuild their inner executor when it moves on. */
  generation = 0;
  /** Why the session is on the CPU although WebGL was preferred (undefined otherwise). */
  reason: string | undefined;
  private rebuilds = 0;
  private readonly executors = new Set<AdaptiveExecutor>();

  constructor(private readonly opts: AdaptiveOptions) {
    let handle: BackendHandle | null = null;
    if (opts.prefer === 'webgl') {
      if (!opts.webgl) this.reason = 'this build has no WebGL backend';
      else {
        const r = opts.webgl.open();
        if (r.ok) handle = r.handle;
        else this.reason = r.reason;
      }
    }
    this.handle = handle ?? this.openCpu();
  }

  get name(): BackendName {
    return this.handle.backend.name;
  }

  /** The active handle (for forcing a context loss in tests). */
  get active(): BackendHandle {
    return this.handle;
  }

  get verifies(): boolean {
    return this.opts.verify ?? true;
  }

  createExecutor(program: Program): Executor {
    const e = new AdaptiveExecutor(this, program);
    this.executors.add(e);
    return e;
  }

  /** A real executor for `program` on the active backend; falls back to the CPU if WebGL cannot. */
  make(program: Program): Executor {
    for (;;) {
      const backend = this.handle.backend;
      try {
        return backend.createExecutor(program);
      } catch (e) {
        if (backend.name === 'cpu') throw e;
        if (!this.checkLost())
          this.fallBack(`the WebGL backend cannot run this model: ${errorMessage(e)}`);
      }
    }
  }

  /** True (after rebuilding) when the active context was lost since the last check. */
  checkLost(): boolean {
    if (!this.handle.lost()) return false;
    this.recover();
    return true;
  }

  /** Settles on the CPU for the rest of the session. */
  fallBack(reason: string): void {
    this.replace(this.openCpu(), reason);
  }

  /** A CPU executor for `program`: the reference of the GPU self-check. */
  cpuTwin(program: Program): Executor {
    return this.openCpu().backend.createExecutor(program);
  }

  /** Frees every executor and the context. */
  dispose(): void {
    for (const e of this.executors) e.dispose();
    this.executors.clear();
    this.handle.dispose();
  }

  private recover(): void {
    this.rebuilds++;
    const max = this.opts.maxRebuilds ?? 3;
    if (this.opts.webgl && this.rebuilds <= max) {
      const r = this.opts.webgl.open();
      if (r.ok) {
        this.replace(
          r.handle,
          'the WebGL context was lost; training resumed on a new context from the last good weights',
        );
        return;
      }
      this.fallBack(`the WebGL context was lost and could not be recreated: ${r.reason}`);
      return;
    }
    this.fallBack(`the WebGL context was lost ${this.rebuilds} times`);
  }

  private replace(next: BackendHandle, reason: string): void {
    const old = this.handle;
    this.handle = next;
    this.generation++;
    if (next.backend.name === 'cpu') this.reason = reason;
    for (const e of this.executors) e.disposeInner();
    old.dispose();
    this.opts.onChange?.(next.backend.name, reason);
  }

  private openCpu(): BackendHandle {
    const r = this.opts.cpu.open();
    if (!r.ok) throw new Error(`the CPU backend failed to open: ${r.reason}`);
    return r.handle;
  }
}

class AdaptiveExecutor implements Executor {
  private inner: Executor | null;
  private gen: number;
  private verified = false;
  private readonly params = new Map<string, Float32Array>();
  /** Last fed values, kept so a rebuilt executor starts from the same feeds. */
  private lastFeeds: Map<string, Float32Array> | null = null;

  constructor(
    private readonly owner: AdaptiveBackend,
    private readonly program: Program,
  ) {
    this.inner = owner.make(program);
    this.gen = owner.generation;
  }

  feed(key: string): Float32Array {
    return this.current().feed(key);
  }

  bindParam(key: string, data: Float32Array): void {
    this.params.set(key, data);
    this.current().bindParam(key, data);
  }

  run(): void {
    for (;;) {
      const inner = this.current();
      const gpu = this.owner.name === 'webgl';
      try {
        inner.run();
      } catch (e) {
        if (!gpu) throw e;
        if (!this.owner.checkLost()) this.owner.fallBack(`a WebGL run failed: ${errorMessage(e)}`);
        continue;
      }
      if (gpu && this.owner.checkLost()) continue;
      if (gpu && !this.verified && this.owner.verifies && !this.verify()) continue;
      return;
    }
  }

  read(id: number): Float32Array {
    for (;;) {
      const gpu = this.owner.name === 'webgl';
      let value: Float32Array;
      try {
        value = this.current().read(id);
      } catch (e) {
        if (!gpu) throw e;
        if (!this.owner.checkLost()) this.owner.fallBack(`a WebGL read failed: ${errorMessage(e)}`);
        this.run();
        continue;
      }
      if (gpu && this.owner.checkLost()) {
        this.run();
        continue;
      }
      return value;
    }
  }

  memory(): { buffers: number; bytes: number } {
    return this.current().memory();
  }

  /** Frees the inner executor (its backend is being replaced); feeds are kept for the next one. */
  disposeInner(): void {
    if (!this.inner) return;
    const feeds = new Map<string, Float32Array>();
    for (const f of this.program.feeds) {
      try {
        feeds.set(f.key, Float32Array.from(this.inner.feed(f.key)));
      } catch {
        // a feed the old executor no longer gives starts from zeros
      }
    }
    this.lastFeeds = feeds;
    disposeExecutor(this.inner);
    this.inner = null;
  }

  dispose(): void {
    if (this.inner) disposeExecutor(this.inner);
    this.inner = null;
  }

  /** The inner executor for the active backend, rebuilt (params rebound, feeds restored) if needed. */
  private current(): Executor {
    if (this.inner && this.gen === this.owner.generation) return this.inner;
    if (this.inner) this.disposeInner();
    const inner = this.owner.make(this.program);
    for (const [k, v] of this.params) inner.bindParam(k, v);
    if (this.lastFeeds) for (const [k, v] of this.lastFeeds) inner.feed(k).set(v);
    this.lastFeeds = null;
    this.inner = inner;
    this.gen = this.owner.generation;
    this.verified = false;
    return inner;
  }

  /**
   * Runs the same program on the CPU and compares every result the session reads. False when
   * the backend changed meanwhile (the caller runs again on the new one).
   */
  private verify(): boolean {
    const gpu = this.current();
    const twin = this.owner.cpuTwin(this.program);
    for (const [k, v] of this.params) twin.bindParam(k, v);
    for (const f of this.program.feeds) twin.feed(f.key).set(gpu.feed(f.key));
    twin.run();
    for (const { name, id } of checkedValues(this.program)) {
      const got = gpu.read(id);
      if (this.owner.checkLost()) return false;
      const mismatch = compare(got, twin.read(id));
      if (mismatch) {
        this.owner.fallBack(`WebGL results differ from the CPU reference (${name}: ${mismatch})`);
        return false;
      }
    }
    this.verified = true;
    return true;
  }
}

/** Every value a TrainingSession reads from a program, with a name for the fallback reason. */
function checkedValues(p: Program): { name: string; id: number }[] {
  const out: { name: string; id: number }[] = [];
  if (p.loss) {
    out.push({ name: 'loss', id: p.loss.total });
    for (const part of p.loss.parts) out.push({ name: part.name, id: part.id });
  }
  for (const m of p.metrics) out.push({ name: m.name, id: m.id });
  for (const g of p.grads) if (g.id !== null) out.push({ name: `gradient of ${g.key}`, id: g.id });
  for (const o of p.outputs) out.push({ name: `output of ${o.nodeId}`, id: o.id });
  return out;
}

/** A description of the first element outside tolerance, or null when `got` matches `want`. */
export function compare(got: Float32Array, want: Float32Array): string | null {
  if (got.length !== want.length) return `${got.length} values instead of ${want.length}`;
  let scale = 0;
  for (const w of want) if (Number.isFinite(w)) scale = Math.max(scale, Math.abs(w));
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    const w = want[i];
    if (Number.isNaN(w) && Number.isNaN(g)) continue;
    if (!Number.isFinite(w) && g === w) continue;
    if (!(Math.abs(g - w) <= RTOL * Math.abs(w) + ATOL * scale + 1e-7))
      return `element ${i} is ${g}, expected ${w}`;
  }
  return null;
}

function disposeExecutor(e: Executor): void {
  (e as { dispose?: () => void }).dispose?.();
}
