// The WebGL2 executor: plans once (plan.ts), creates every texture at construction (pooled op
// results, fed inputs, constants), compiles each kernel variant once, and then run() only uploads
// feeds (and host-owned parameters), draws, and leaves results on the GPU until read().
import type { Program } from '../../compile/program.ts';
import { LoomError } from '../../errors.ts';
import type { OptimizerType } from '../../train/optimizers/types.ts';
import { sizeOf } from '../../tensor.ts';
import { regionFor, texelsFor, type Gpu, type Kernel, type Tex } from './gpu.ts';
import { kernelFor, type KernelNode, type KernelSpec, type RunContext } from './kernels.ts';
import { applyUpdatePass, currentSlots } from './optimizer.ts';
import type { ParamEntry, ParamStore } from './params.ts';
import { planProgram } from './plan.ts';
import type { WebglExecutor } from './types.ts';

/** Where a step input comes from: a fixed texture, or a parameter bound later. */
interface Source {
  tex: Tex | null;
  /** Several textures bound as consecutive samplers (the targets of a multi-target kernel). */
  group?: Tex[];
  param: ParamSlot | null;
  id: number;
}

interface ParamSlot {
  key: string;
  n: number;
  entry: ParamEntry | null;
}

interface Step {
  /** Op (and shapes) for profiles. */
  name: string;
  kernel: Kernel;
  spec: KernelSpec;
  out: Tex;
  /** Framebuffer and number of render targets drawn into. */
  fbo: WebGLFramebuffer;
  targets: number;
  region: readonly [number, number];
  inputs: Source[];
  /** Reused per run so drawing allocates nothing. */
  bound: Tex[];
}

interface Feed {
  tex: Tex;
  n: number;
  host: Float32Array;
}

/** "matMulMerge+bias+relu [128,512] [512]" for profiles. */
function stepName(node: KernelNode): string {
  const { fusedBias, fusedActivation } = node.attrs;
  const fused = `${fusedBias ? '+bias' : ''}${fusedActivation ? `+${String(fusedActivation)}` : ''}`;
  return `${node.op}${fused} ${node.inputs.map((x) => `[${x.join(',')}]`).join(' ')}`;
}

function bug(what: string): LoomError {
  return new LoomError('internal', what, {}, 'This is a bug in Layerloom.');
}

export class GlExecutor implements WebglExecutor {
  private readonly sources = new Map<number, Source>();
  private readonly feeds = new Map<string, Feed>();
  private readonly feedById = new Map<number, Feed>();
  private readonly consts = new Map<number, Float32Array>();
  private readonly params = new Map<string, ParamSlot>();
  private readonly steps: Step[] = [];
  private readonly owned: Tex[] = [];
  private readonly fbos: WebGLFramebuffer[] = [];
  private readonly sizes = new Map<number, number>();
  private readonly host = new Map<number, Float32Array>();
  private readonly scratch = new Float32Array(4);
  private ctxStep: Step | null = null;
  private readonly ctx: RunContext;

  constructor(
    private readonly gpu: Gpu,
    private readonly store: ParamStore,
    private readonly program: Program,
  ) {
    const own = (texels: number, init?: Float32Array, size?: readonly [number, number]): Tex => {
      const t = gpu.createTexture(texels, init, size);
      this.owned.push(t);
      return t;
    };
    let maxTexels = 1;
    for (const n of program.nodes) {
      const size = sizeOf(n.shape);
      this.sizes.set(n.id, size);
      maxTexels = Math.max(maxTexels, texelsFor(size));
      if (n.kind === 'input') {
        const texels = texelsFor(size);
        // Padded to whole texels so uploads need no staging copy.
        const feed = { tex: own(texels), n: size, host: new Float32Array(texels * 4) };
        this.feeds.set(n.name, feed);
        this.feedById.set(n.id, feed);
        this.sources.set(n.id, { tex: feed.tex, param: null, id: n.id });
      } else if (n.kind === 'const') {
        const values = Float32Array.from(n.values);
        this.consts.set(n.id, values);
        this.sources.set(n.id, { tex: own(texelsFor(size), values), param: null, id: n.id });
      } else if (n.kind === 'param') {
        const slot = { key: n.name, n: size, entry: null };
        this.params.set(n.name, slot);
        this.sources.set(n.id, { tex: null, param: slot, id: n.id });
      }
    }
    gpu.reserve(maxTexels);
    const gl = gpu.gl;
    const targets = Math.min(
      gl.getParameter(gl.MAX_DRAW_BUFFERS) as number,
      gl.getParameter(gl.MAX_COLOR_ATTACHMENTS) as number,
    );
    const plan = planProgram(program, targets);
    const pool = plan.buffers.map((texels) => own(texels));
    for (const s of plan.steps) {
      this.sizes.set(s.out, sizeOf(s.node.out));
      const targets = s.targets ?? 1;
      const outs = s.layout
        ? Array.from({ length: targets }, () => own(0, undefined, s.layout))
        : [pool[plan.bufferOf.get(s.out)!]];
      const out = outs[0];
      this.sources.set(s.out, {
        tex: out,
        param: null,
        id: s.out,
        ...(targets > 1 ? { group: outs } : {}),
      });
      const spec = kernelFor(s.node);
      const inputs = s.inputs.flatMap((id) => {
        const src = this.sources.get(id)!;
        return src.group ? src.group.map((tex) => ({ tex, param: null, id })) : [src];
      });
      this.steps.push({
        fbo: targets > 1 ? this.ownFbo(gpu.createTargets(outs)) : out.fbo,
        targets,
        name: stepName(s.node),
        kernel: gpu.kernel(spec.source),
        spec,
        out,
        region: s.layout ?? regionFor(texelsFor(sizeOf(s.node.out))),
        inputs,
        bound: inputs.map(() => out),
      });
    }
    for (const id of plan.pinned) this.host.set(id, new Float32Array(this.sizes.get(id) ?? 0));
    this.ctx = {
      gl: gpu.gl,
      uniform: (name) => this.ctxStep!.kernel.uniforms.get(name) ?? null,
      hostValue: (k) => this.hostValue(this.ctxStep!.inputs[k]),
    };
  }

  feed(key: string): Float32Array {
    const f = this.feeds.get(key);
    if (!f) throw bug(`the program has no feed '${key}'`);
    return f.host.subarray(0, f.n);
  }

  bindParam(key: string, data: Float32Array): void {
    const slot = this.params.get(key);
    if (!slot) return; // parameters a program does not use
    if (data.length !== slot.n)
      throw new LoomError(
        'weights/mismatch',
        `parameter '${key}' needs ${slot.n} values, got ${data.length}`,
        { param: key },
        'Re-initialise the weights.',
      );
    if (slot.entry?.host === data) return;
    if (slot.entry) this.store.release(slot.entry);
    slot.entry = this.store.acquire(data);
  }

  run(): void {
    this.runSteps(null);
  }

  /** Runs once, timing each kernel (synchronising after every draw): for benchmarks only. */
  profile(): { kernel: string; ms: number }[] {
    const times: { kernel: string; ms: number }[] = [];
    // Wait for queued work first, so the first kernel's time is its own.
    if (this.steps.length > 0) this.gpu.download(this.steps[0].out, 1, this.scratch);
    this.runSteps(times);
    return times;
  }

  private runSteps(times: { kernel: string; ms: number }[] | null): void {
    for (const f of this.feeds.values()) this.gpu.upload(f.tex, f.host, f.n);
    for (const slot of this.params.values()) {
      if (!slot.entry)
        throw new LoomError(
          'weights/mismatch',
          `parameter '${slot.key}' has no values`,
          { param: slot.key },
          'Initialise or load the weights before training.',
        );
      if (!this.store.resident) this.store.upload(slot.entry);
    }
    const gl = this.gpu.gl;
    for (const s of this.steps) {
      for (let k = 0; k < s.inputs.length; k++) s.bound[k] = this.texOf(s.inputs[k]);
      gl.useProgram(s.kernel.program);
      if (s.spec.uniforms) {
        this.ctxStep = s;
        s.spec.uniforms(this.ctx);
      }
      const t0 = times ? performance.now() : 0;
      this.gpu.bindInputs(s.bound);
      this.gpu.drawTo(s.fbo, s.region, s.targets);
      if (times) {
        this.gpu.download(s.out, 1, this.scratch);
        times.push({ kernel: s.name, ms: performance.now() - t0 });
      }
    }
  }

  private ownFbo(fbo: WebGLFramebuffer): WebGLFramebuffer {
    this.fbos.push(fbo);
    return fbo;
  }

  private texOf(src: Source): Tex {
    return src.tex ?? this.store.current(src.param!.entry!);
  }

  private hostValue(src: Source): number {
    const feed = this.feedById.get(src.id);
    if (feed) return feed.host[0];
    const c = this.consts.get(src.id);
    if (c) return c[0];
    this.gpu.download(this.texOf(src), 1, this.scratch);
    return this.scratch[0];
  }

  read(id: number): Float32Array {
    const feed = this.feedById.get(id);
    if (feed) return feed.host.subarray(0, feed.n);
    const c = this.consts.get(id);
    if (c) return c;
    const src = this.sources.get(id);
    if (!src) throw bug(`the program has no value ${id}`);
    if (src.param && !this.store.resident) return src.param.entry!.host;
    let out = this.host.get(id);
    if (!out) {
      out = new Float32Array(this.sizes.get(id)!);
      this.host.set(id, out);
    }
    this.gpu.download(this.texOf(src), out.length, out);
    return out;
  }

  memory(): { buffers: number; bytes: number } {
    let bytes = 0;
    for (const t of this.owned) bytes += t.width * t.height * 16;
    return { buffers: this.owned.length, bytes };
  }

  keepParamsOnGpu(): void {
    if (this.store.resident) return;
    // The host arrays were the truth until now: make the GPU copies current first.
    for (const e of this.store.all()) this.store.upload(e);
    this.store.resident = true;
  }

  uploadParams(): void {
    for (const slot of this.params.values()) if (slot.entry) this.store.upload(slot.entry);
  }

  syncParams(): void {
    for (const slot of this.params.values()) if (slot.entry) this.store.download(slot.entry);
  }

  applyUpdate(optimizer: OptimizerType, hyper: Record<string, unknown>, iteration: number): void {
    this.keepParamsOnGpu();
    for (const g of this.program.grads) {
      if (g.id === null) continue;
      const entry = this.params.get(g.key)?.entry;
      if (!entry) continue;
      const grad = this.texOf(this.sources.get(g.id)!);
      applyUpdatePass(this.gpu, this.store, entry, grad, optimizer, hyper, iteration);
    }
  }

  resetSlots(): void {
    for (const slot of this.params.values()) if (slot.entry) this.store.resetState(slot.entry);
  }

  readSlots(key: string): Float32Array[] {
    const entry = this.params.get(key)?.entry;
    if (!entry) return [];
    return currentSlots(entry).map((t) => {
      const out = new Float32Array(entry.n);
      this.gpu.download(t, entry.n, out);
      return out;
    });
  }

  dispose(): void {
    for (const t of this.owned) this.gpu.deleteTexture(t);
    for (const f of this.fbos) this.gpu.gl.deleteFramebuffer(f);
    this.owned.length = 0;
    this.fbos.length = 0;
    for (const slot of this.params.values()) {
      if (slot.entry) this.store.release(slot.entry);
      slot.entry = null;
    }
  }
}
