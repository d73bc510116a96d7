import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { opRegistry } from '../../ops/registry.ts';
import { elementwiseCases } from '../../ops/testing/casesElementwise.ts';
import { structuralCases } from '../../ops/testing/casesStructural.ts';
import { kernelFor } from './kernels.ts';

const shaderText = (name: string) =>
  readFileSync(new URL(`../../../shaders/${name}.glsl`, import.meta.url), 'utf8');

describe('GPU kernels', () => {
  it('every registered op names a shader file in shaders/', () => {
    for (const op of opRegistry.values()) {
      expect(op.shader, op.name).not.toBeNull();
      expect(existsSync(new URL(`../../../shaders/${op.shader}.glsl`, import.meta.url))).toBe(true);
    }
  });

  it("builds every op-suite case from the op's own shader file", () => {
    for (const set of [...elementwiseCases, ...structuralCases]) {
      const op = opRegistry.get(set.op)!;
      for (const c of set.cases) {
        const attrs = c.attrs ?? {};
        const out = op.shape(c.shapes, attrs);
        const { source } = kernelFor({ op: set.op, attrs, inputs: c.shapes, out });
        expect(source.startsWith('#version 300 es\n')).toBe(true);
        expect(source, set.op).toContain(shaderText(op.shader!));
      }
    }
  });

  it('bakes shapes into the source, so different shapes are different kernels', () => {
    const a = kernelFor({
      op: 'add',
      attrs: {},
      inputs: [
        [3, 1],
        [1, 4],
      ],
      out: [3, 4],
    }).source;
    const b = kernelFor({
      op: 'add',
      attrs: {},
      inputs: [
        [4, 1],
        [1, 3],
      ],
      out: [4, 3],
    }).source;
    const same = kernelFor({
      op: 'add',
      attrs: {},
      inputs: [
        [3, 1],
        [1, 4],
      ],
      out: [3, 4],
    }).source;
    expect(a).not.toBe(b);
    expect(a).toBe(same);
  });
});
