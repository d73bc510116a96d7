import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { keepThreshold, maskBits, maskStream } from '../engine/random/hash.ts';

// The shared GLSL prelude compiles under WebGL2 and its dropout hash gives the very bits the CPU
// gives (engine/random/hash.ts), so GPU and CPU dropout masks are identical.

const prelude = readFileSync(new URL('../shaders/prelude.glsl', import.meta.url), 'utf8');

test('the prelude compiles and its dropout hash matches the CPU bit for bit', async ({ page }) => {
  await page.goto('/');
  const seed = 1234567;
  const step = 42;
  const stream = maskStream(seed, step);
  const width = 64;
  const n = width * 16;
  const threshold = keepThreshold(0.3);
  const gpu = await page.evaluate(
    ({ prelude, stream, width, n, threshold }) => {
      const canvas = document.createElement('canvas');
      const gl = canvas.getContext('webgl2')!;
      if (!gl.getExtension('EXT_color_buffer_float')) throw new Error('no EXT_color_buffer_float');
      const fs = `${prelude}
uniform uint stream;
uniform uint threshold;
void main() {
  uint i = uint(outputIndex(${width}));
  // Top 24 bits are exact in float32; the sign carries the keep decision.
  float bits = float(maskBits(stream, i) >> 8u);
  outValue = keepElement(stream, i, threshold) ? bits : -bits - 1.0;
}`;
      const vs = `#version 300 es
void main() { vec2 p = vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0); gl_Position = vec4(p, 0.0, 1.0); }`;
      const compile = (type: number, src: string) => {
        const s = gl.createShader(type)!;
        gl.shaderSource(s, src);
        gl.compileShader(s);
        if (!gl.getShaderParameter(s, gl.COMPILE_STATUS))
          throw new Error(gl.getShaderInfoLog(s) ?? 'compile failed');
        return s;
      };
      const program = gl.createProgram()!;
      gl.attachShader(program, compile(gl.VERTEX_SHADER, vs));
      gl.attachShader(program, compile(gl.FRAGMENT_SHADER, fs));
      gl.linkProgram(program);
      if (!gl.getProgramParameter(program, gl.LINK_STATUS))
        throw new Error(gl.getProgramInfoLog(program) ?? 'link failed');
      const height = n / width;
      const tex = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, tex);
      gl.texStorage2D(gl.TEXTURE_2D, 1, gl.R32F, width, height);
      const fb = gl.createFramebuffer();
      gl.bindFramebuffer(gl.FRAMEBUFFER, fb);
      gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, tex, 0);
      gl.viewport(0, 0, width, height);
      gl.useProgram(program);
      gl.uniform1ui(gl.getUniformLocation(program, 'stream'), stream);
      gl.uniform1ui(gl.getUniformLocation(program, 'threshold'), threshold);
      gl.drawArrays(gl.TRIANGLES, 0, 3);
      const out = new Float32Array(n);
      gl.readPixels(0, 0, width, height, gl.RED, gl.FLOAT, out);
      return Array.from(out);
    },
    { prelude, stream, width, n, threshold },
  );
  const cpu = Array.from({ length: n }, (_, i) => {
    const bits = maskBits(stream, i) >>> 8;
    return bits >= threshold ? bits : -bits - 1;
  });
  expect(gpu).toEqual(cpu);
  const kept = cpu.filter((v) => v >= 0).length / n;
  expect(kept).toBeGreaterThan(0.6);
  expect(kept).toBeLessThan(0.8);
});
