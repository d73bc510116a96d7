import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compile/compile.ts';
import type { ProgramMode } from '../../compile/program.ts';
import { parseProjectText } from '../../document/parse.ts';
import { sizeOf } from '../../tensor.ts';
import { texelsFor } from './gpu.ts';
import { planProgram, type Plan } from './plan.ts';

const program = (name: string, mode: ProgramMode, batchSize: number) =>
  compile(
    parseProjectText(
      readFileSync(new URL(`../../../assets/examples/${name}.loom`, import.meta.url), 'utf8'),
    ),
    { mode, batchSize },
  );

/** Replays the plan: every input a step reads must still be in its buffer (nothing clobbered). */
function checkLiveness(plan: Plan): void {
  const holder = new Map<number, number>(); // buffer → value id it holds
  for (const s of plan.steps) {
    for (const id of s.inputs) {
      const buf = plan.bufferOf.get(id);
      if (buf !== undefined) expect(holder.get(buf), `value ${id} was overwritten`).toBe(id);
    }
    const out = plan.bufferOf.get(s.out);
    if (out === undefined) continue;
    expect(plan.buffers[out]).toBeGreaterThanOrEqual(texelsFor(sizeOf(s.node.out)));
    expect(s.inputs.map((id) => plan.bufferOf.get(id))).not.toContain(out);
    holder.set(out, s.out);
  }
  for (const id of plan.pinned) {
    const buf = plan.bufferOf.get(id);
    if (buf !== undefined) expect(holder.get(buf), `pinned value ${id} was overwritten`).toBe(id);
  }
}

describe('planProgram', () => {
  it('fuses each Dense forward (matMul + bias + activation) in a predict program', () => {
    const plan = planProgram(program('mnist-mlp', 'predict', 128));
    const ops = plan.steps.map((s) => s.node.op);
    // dense (784→512, relu): row-texture copies of x and Wᵀ, 4×4 tiles, then one merge adding
    // the bias and applying relu.
    expect(ops.slice(0, 4)).toEqual(['rows', 'rows', 'matMulTiles', 'matMulMerge']);
    expect(plan.steps[2].node.attrs).toMatchObject({ tile: 4 });
    expect(plan.steps[3].node.attrs).toMatchObject({ fusedBias: true, fusedActivation: 'relu' });
    expect(ops).not.toContain('add');
    expect(ops).not.toContain('relu');
    checkLiveness(plan);
  });

  it('uses 8-row tiles when the GPU can write 8 render targets', () => {
    const plan = planProgram(program('mnist-mlp', 'train', 128), 8);
    const tiles = plan.steps.filter((s) => s.node.op === 'matMulTiles');
    // x·W1, then backward dy·W2ᵀ (K = 10, zero-padded to 12) and xᵀ·dh; the 10-wide products
    // (x·W2 forward, hᵀ·dy) use the row-texture kernel.
    expect(tiles.map((s) => s.targets)).toEqual([8, 8, 8]);
    expect(tiles[0].layout).toEqual([512 / 4, 128 / 8]);
    expect(plan.steps.some((s) => s.node.op === 'matMulRows')).toBe(true);
    checkLiveness(plan);
  });

  it('keeps values the backward pass needs: relu stays separate while training', () => {
    const plan = planProgram(program('mnist-mlp', 'train', 128));
    const merge = plan.steps.find((s) => s.node.op === 'matMulMerge')!;
    expect(merge.node.attrs).toMatchObject({ fusedBias: true });
    expect(merge.node.attrs).not.toHaveProperty('fusedActivation');
    expect(plan.steps.map((s) => s.node.op)).toContain('relu');
    checkLiveness(plan);
  });

  it('reuses buffers by liveness', () => {
    for (const [name, batch] of [
      ['two-tower', 10],
      ['mnist-mlp', 128],
    ] as const) {
      const plan = planProgram(program(name, 'train', batch));
      const pooled = plan.steps.filter((s) => !s.layout).length;
      expect(plan.buffers.length).toBeLessThan(pooled / 2);
      checkLiveness(plan);
    }
  });
});
