// Thin WebGL2 layer: compiled kernels cached by source, packed RGBA32F tensor textures with their
// framebuffers, uploads, downloads and one full-screen-triangle draw per kernel call. Nothing here
// knows about ops or programs. Texture layout: see shaders/prelude.glsl (4 elements per texel,
// texel t at (t mod 4096, t / 4096)).
import { LoomError } from '../../errors.ts';

/** Texels per texture row (a texture is one shorter row, or exactly this wide). */
export const ROW = 4096;

/** A tensor texture and the framebuffer that renders into it. */
export interface Tex {
  readonly texture: WebGLTexture;
  readonly fbo: WebGLFramebuffer;
  readonly width: number;
  readonly height: number;
}

/** A linked kernel and its uniform locations by name. */
export interface Kernel {
  readonly program: WebGLProgram;
  readonly uniforms: Map<string, WebGLUniformLocation | null>;
  /** Number of `X<k>` input samplers. */
  readonly inputs: number;
}

/** Texels needed for n elements (at least 1, so empty tensors still get a texture). */
export function texelsFor(n: number): number {
  return Math.max(1, Math.ceil(n / 4));
}

/** The region [width, height] that holds `texels` texels. */
export function regionFor(texels: number): [number, number] {
  return [Math.min(texels, ROW), Math.ceil(texels / ROW)];
}

const VERTEX = `#version 300 es
void main() {
  gl_Position = vec4(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0, 0.0, 1.0);
}`;

function internal(what: string): LoomError {
  return new LoomError('internal', what, {}, 'This is a bug in Layerloom’s WebGL backend.');
}

export class Gpu {
  private readonly kernels = new Map<string, Kernel>();
  private readonly vertex: WebGLShader;
  private readonly vao: WebGLVertexArrayObject;
  private staging = new Float32Array(4);
  textures = 0;
  bytes = 0;

  constructor(readonly gl: WebGL2RenderingContext) {
    this.vertex = this.shader(gl.VERTEX_SHADER, VERTEX);
    this.vao = gl.createVertexArray()!;
    gl.disable(gl.DEPTH_TEST);
    gl.disable(gl.BLEND);
    gl.disable(gl.DITHER);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.pixelStorei(gl.PACK_ALIGNMENT, 1);
  }

  /** Number of distinct kernels compiled. */
  kernelCount(): number {
    return this.kernels.size;
  }

  /** The kernel for this exact source, compiled and linked once. */
  kernel(source: string): Kernel {
    const hit = this.kernels.get(source);
    if (hit) return hit;
    const gl = this.gl;
    const fs = this.shader(gl.FRAGMENT_SHADER, source);
    const program = gl.createProgram()!;
    gl.attachShader(program, this.vertex);
    gl.attachShader(program, fs);
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS))
      throw internal(`a GPU kernel failed to link: ${gl.getProgramInfoLog(program)}`);
    gl.deleteShader(fs);
    const uniforms = new Map<string, WebGLUniformLocation | null>();
    const count = gl.getProgramParameter(program, gl.ACTIVE_UNIFORMS) as number;
    gl.useProgram(program);
    let inputs = 0;
    for (let i = 0; i < count; i++) {
      const name = gl.getActiveUniform(program, i)!.name;
      const loc = gl.getUniformLocation(program, name);
      uniforms.set(name, loc);
      const m = /^X(\d+)$/.exec(name);
      if (m) {
        // Sampler Xk always reads texture unit k: set once at link time.
        gl.uniform1i(loc, Number(m[1]));
        inputs = Math.max(inputs, Number(m[1]) + 1);
      }
    }
    const kernel = { program, uniforms, inputs };
    this.kernels.set(source, kernel);
    return kernel;
  }

  private shader(type: number, source: string): WebGLShader {
    const gl = this.gl;
    const s = gl.createShader(type)!;
    gl.shaderSource(s, source);
    gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) {
      const numbered = source
        .split('\n')
        .map((l, i) => `${i + 1}: ${l}`)
        .join('\n');
      throw internal(`a GPU kernel failed to compile: ${gl.getShaderInfoLog(s)}\n${numbered}`);
    }
    return s;
  }

  /** A texture with room for `texels` packed texels (or exactly `size` texels), and its framebuffer. */
  createTexture(texels: number, init?: Float32Array, size?: readonly [number, number]): Tex {
    const gl = this.gl;
    const [width, height] = size ?? regionFor(texels);
    const max = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    if (width > max || height > max)
      throw new LoomError(
        'backend/webgl',
        `a tensor needs a ${width}×${height} texture, larger than this GPU's limit of ${max}`,
        {},
        'Use a smaller batch size or layer, or train on the CPU backend.',
      );
    const texture = gl.createTexture()!;
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA32F, width, height);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    const fbo = gl.createFramebuffer()!;
    gl.bindFramebuffer(gl.FRAMEBUFFER, fbo);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
    const status = gl.checkFramebufferStatus(gl.FRAMEBUFFER);
    if (status !== gl.FRAMEBUFFER_COMPLETE)
      throw new LoomError(
        'backend/webgl',
        `the GPU cannot render to a ${width}×${height} float32 texture (status ${status})`,
        {},
        'Train on the CPU backend instead.',
      );
    this.textures++;
    this.bytes += width * height * 16;
    const tex = { texture, fbo, width, height };
    if (init) this.upload(tex, init, init.length);
    return tex;
  }

  /** A framebuffer rendering into `textures` at once (color attachments 0, 1, …). */
  createTargets(textures: readonly Tex[]): WebGLFramebuffer {
    const gl = this.gl;
    const fbo = gl.createFramebuffer()!;
    gl.bindFramebuffer(gl.FRAMEBUFFER, fbo);
    textures.forEach((t, k) =>
      gl.framebufferTexture2D(
        gl.FRAMEBUFFER,
        gl.COLOR_ATTACHMENT0 + k,
        gl.TEXTURE_2D,
        t.texture,
        0,
      ),
    );
    return fbo;
  }

  /** Frees a texture made by createTexture. */
  deleteTexture(tex: Tex): void {
    this.gl.deleteTexture(tex.texture);
    this.gl.deleteFramebuffer(tex.fbo);
    this.textures--;
    this.bytes -= tex.width * tex.height * 16;
  }

  /** Grows the shared staging buffer to hold `texels` texels (plan time only, never in a run). */
  reserve(texels: number): void {
    const [w, h] = regionFor(texels);
    if (this.staging.length < w * h * 4) this.staging = new Float32Array(w * h * 4);
  }

  /** Uploads the first n elements of `data` into `tex` (padding the last texel with zeros). */
  upload(tex: Tex, data: Float32Array, n: number): void {
    const gl = this.gl;
    const [w, h] = regionFor(texelsFor(n));
    let src = data;
    if (data.length < w * h * 4) {
      this.reserve(texelsFor(n));
      src = this.staging;
      src.set(data.subarray(0, n));
      src.fill(0, n, w * h * 4);
    }
    gl.bindTexture(gl.TEXTURE_2D, tex.texture);
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, w, h, gl.RGBA, gl.FLOAT, src, 0);
  }

  /** Downloads the first n elements of `tex` into `out`. */
  download(tex: Tex, n: number, out: Float32Array): void {
    const gl = this.gl;
    const [w, h] = regionFor(texelsFor(n));
    this.reserve(texelsFor(n));
    gl.bindFramebuffer(gl.FRAMEBUFFER, tex.fbo);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.FLOAT, this.staging);
    out.set(this.staging.subarray(0, n));
  }

  /** Binds `fbo` with `targets` color attachments and draws its `region` [width, height]. */
  drawTo(fbo: WebGLFramebuffer, region: readonly [number, number], targets: number): void {
    const gl = this.gl;
    const [w, h] = region;
    gl.bindFramebuffer(gl.FRAMEBUFFER, fbo);
    if (targets > 1) gl.drawBuffers(DRAW_BUFFERS[targets]);
    gl.viewport(0, 0, w, h);
    gl.bindVertexArray(this.vao);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
  }

  /** Binds input textures to units 0.. for a custom draw. */
  bindInputs(inputs: readonly Tex[]): void {
    const gl = this.gl;
    for (let k = 0; k < inputs.length; k++) {
      gl.activeTexture(gl.TEXTURE0 + k);
      gl.bindTexture(gl.TEXTURE_2D, inputs[k].texture);
    }
  }
}

const C0 = 0x8ce0; // COLOR_ATTACHMENT0
const DRAW_BUFFERS: number[][] = Array.from({ length: 17 }, (_, n) => n).map((n) =>
  Array.from({ length: n }, (_, i) => C0 + i),
);
