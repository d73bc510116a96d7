import { describe, expect, it } from 'vitest';
import { sizeOf, stridesOf } from '../../tensor.ts';
import { assemble, broadcastIndexFn, glslFloat, indexBody } from './source.ts';

/** Runs a generated `int f(int e) { … }` body in JS (indices are ≥ 0, so / is floor division). */
function run(body: string): (e: number) => number {
  const js = body.replace(/\(e \/ (\d+)\)/g, 'Math.floor(e / $1)');
  return new Function('e', js) as (e: number) => number;
}

/** Reference: input flat index read at output flat index e under NumPy broadcasting. */
function broadcastRef(input: number[], out: number[], e: number): number {
  const os = stridesOf(out);
  const is = stridesOf(input);
  const lead = out.length - input.length;
  let idx = 0;
  out.forEach((d, i) => {
    const c = Math.floor(e / os[i]) % d;
    if (i >= lead && input[i - lead] !== 1) idx += c * is[i - lead];
  });
  return idx;
}

describe('generated index maps', () => {
  const cases: [number[], number[]][] = [
    [[3], [2, 3]],
    [
      [3, 1],
      [3, 4],
    ],
    [
      [2, 1, 3],
      [2, 4, 3],
    ],
    [
      [1, 4, 1, 2],
      [2, 4, 3, 2],
    ],
    [
      [2, 3],
      [2, 3],
    ],
    [[], [2, 2]],
  ];
  for (const [input, out] of cases)
    it(`broadcasts [${input}] to [${out}]`, () => {
      const src = broadcastIndexFn('f', input, out);
      const body = src.slice(src.indexOf('{') + 1, src.lastIndexOf('}'));
      const f = run(body);
      for (let e = 0; e < sizeOf(out); e++) expect(f(e)).toBe(broadcastRef(input, out, e));
    });

  it('maps a permutation with merged axes and an offset', () => {
    // transpose [2, 3, 4] by perm [0, 2, 1]: output dims [2, 4, 3], input strides [12, 1, 4]
    const f = run(indexBody([2, 4, 3], [12, 1, 4], 5));
    const seen = new Set<number>();
    for (let e = 0; e < 24; e++) {
      const [a, b, c] = [Math.floor(e / 12), Math.floor(e / 3) % 4, e % 3];
      expect(f(e)).toBe(a * 12 + c * 4 + b + 5);
      seen.add(f(e));
    }
    expect(seen.size).toBe(24);
  });
});

describe('kernel sources', () => {
  it('writes float constants as exact float32 bit patterns', () => {
    expect(glslFloat(1)).toBe('uintBitsToFloat(0x3f800000u)');
    expect(glslFloat(-2.5)).toBe('uintBitsToFloat(0xc0200000u)');
    expect(glslFloat(0.1)).toBe('uintBitsToFloat(0x3dcccccdu)');
  });

  it('keeps #version first and puts the defines before the prelude body', () => {
    const src = assemble('float element(int e) { return 0.0; }', ['LOOM_ELEMENT_MAIN', 'N 4']);
    const lines = src.split('\n');
    expect(lines[0]).toBe('#version 300 es');
    expect(lines[1]).toBe('#define LOOM_ELEMENT_MAIN');
    expect(lines[2]).toBe('#define N 4');
    expect(src).toContain('uint maskBits(uint stream, uint index)');
    expect(src.trimEnd().endsWith('float element(int e) { return 0.0; }')).toBe(true);
  });
});
