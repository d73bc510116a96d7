// GPU parameters shared by every executor of one backend: one entry per bound host Float32Array,
// with two textures (ping-pong, since a kernel cannot read and write one texture) and, once an
// optimizer runs on the GPU, two textures per optimizer slot. Entries are reference-counted by
// the executors bound to them.
import type { Gpu, Tex } from './gpu.ts';
import { texelsFor } from './gpu.ts';

/** Optimizer state of one parameter on the GPU. */
export interface SlotState {
  /** Which optimizer configuration the slots belong to (type + slot names). */
  readonly signature: string;
  /** Slot k's textures: [set 0, set 1]. */
  readonly slots: [Tex, Tex][];
  /** fbo[s] renders param and slots into set s (multiple render targets). */
  readonly fbo: [WebGLFramebuffer, WebGLFramebuffer];
  readonly inits: number[];
}

export interface ParamEntry {
  readonly host: Float32Array;
  readonly n: number;
  readonly texels: number;
  /** The param's textures: [set 0, set 1]; `cur` says which set holds the current values. */
  readonly texs: [Tex, Tex];
  cur: 0 | 1;
  refs: number;
  state: SlotState | null;
}

/** The shared parameter textures of one backend. */
export class ParamStore {
  private readonly entries = new Map<Float32Array, ParamEntry>();
  /** When true the GPU copies are the truth and runs do not upload the host arrays. */
  resident = false;

  constructor(private readonly gpu: Gpu) {}

  /** The entry of a host array (created and uploaded on first use); counts a reference. */
  acquire(host: Float32Array): ParamEntry {
    let e = this.entries.get(host);
    if (!e) {
      const texels = texelsFor(host.length);
      e = {
        host,
        n: host.length,
        texels,
        texs: [this.gpu.createTexture(texels, host), this.gpu.createTexture(texels)],
        cur: 0,
        refs: 0,
        state: null,
      };
      this.entries.set(host, e);
    }
    e.refs++;
    return e;
  }

  /** Drops a reference; the last one frees the textures. */
  release(e: ParamEntry): void {
    if (--e.refs > 0) return;
    this.entries.delete(e.host);
    for (const t of e.texs) this.gpu.deleteTexture(t);
    this.dropState(e);
  }

  /** The texture holding the current values. */
  current(e: ParamEntry): Tex {
    return e.texs[e.cur];
  }

  upload(e: ParamEntry): void {
    this.gpu.upload(e.texs[e.cur], e.host, e.n);
  }

  download(e: ParamEntry): void {
    this.gpu.download(e.texs[e.cur], e.n, e.host);
  }

  /** Slot textures for an optimizer configuration, created once (filled with the initial values). */
  ensureState(e: ParamEntry, signature: string, inits: number[]): SlotState {
    if (e.state?.signature === signature) return e.state;
    this.dropState(e);
    const slots = inits.map((v): [Tex, Tex] => {
      const fill = new Float32Array(e.texels * 4).fill(v);
      return [this.gpu.createTexture(e.texels, fill), this.gpu.createTexture(e.texels, fill)];
    });
    const fbo = [0, 1].map((s) =>
      this.gpu.createTargets([e.texs[s], ...slots.map((p) => p[s])]),
    ) as [WebGLFramebuffer, WebGLFramebuffer];
    e.state = { signature, slots, fbo, inits };
    return e.state;
  }

  /** Refills every slot with its initial value. */
  resetState(e: ParamEntry): void {
    if (!e.state) return;
    e.state.slots.forEach((pair, k) => {
      const fill = new Float32Array(e.texels * 4).fill(e.state!.inits[k]);
      for (const t of pair) this.gpu.upload(t, fill, fill.length);
    });
  }

  private dropState(e: ParamEntry): void {
    if (!e.state) return;
    for (const pair of e.state.slots) for (const t of pair) this.gpu.deleteTexture(t);
    for (const f of e.state.fbo) this.gpu.gl.deleteFramebuffer(f);
    e.state = null;
  }

  /** All entries (for residency changes). */
  all(): IterableIterator<ParamEntry> {
    return this.entries.values();
  }
}
