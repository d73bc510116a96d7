import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apply } from '../document/commands.ts';
import { parseProjectText } from '../document/parse.ts';
import { storeWeight, weightValues } from '../document/weights.ts';
import { inferShapes } from '../graph/infer.ts';
import { projectWeights, weightPlan } from './weights.ts';

const tower = () =>
  parseProjectText(
    readFileSync(new URL('../../assets/examples/two-tower.loom', import.meta.url), 'utf8'),
  );

describe('weightPlan', () => {
  it('keeps stored weights that fit, re-initialises changed shapes and names dropped ones', () => {
    let doc = tower();
    expect(weightPlan(doc, inferShapes(doc)).initialised.map((w) => w.reason)).toEqual(
      Array(6).fill('new'),
    );
    doc = {
      ...doc,
      weights: {
        dense1: {
          kernel: storeWeight([2, 1], new Float32Array(2)),
          bias: storeWeight([1], new Float32Array(1)),
        },
        dense2: { kernel: storeWeight([2, 2], new Float32Array(4)) },
        gone: { kernel: storeWeight([1], new Float32Array(1)) },
      },
    };
    doc = apply(doc, { type: 'setParams', id: 'dense2', params: { units: 3 } });
    const plan = weightPlan(doc, inferShapes(doc));
    expect(plan.kept).toEqual(['dense1/kernel', 'dense1/bias']);
    expect(plan.initialised).toContainEqual({
      key: 'dense2/kernel',
      node: 'dense2',
      reason: 'shape changed from (2, 2) to (2, 3)',
    });
    // dense3 never had stored weights.
    expect(plan.initialised.find((w) => w.key === 'dense3/kernel')?.reason).toBe('new');
    expect(plan.dropped).toEqual(['gone/kernel']);
  });
});

describe('projectWeights', () => {
  it('stores each session weight under its node and weight name', () => {
    const w = projectWeights(
      [
        { key: 'd/kernel', shape: [2, 1] },
        { key: 'd/bias', shape: [1] },
        { key: 'missing/kernel', shape: [1] },
        { key: 'a/b/bias', shape: [1] },
      ],
      new Map([
        ['d/kernel', new Float32Array([1.5, -2])],
        ['d/bias', new Float32Array([0.25])],
        ['a/b/bias', new Float32Array([3])],
      ]),
    );
    // Node ids may contain '/': the weight name is what follows the last one.
    expect(Object.keys(w)).toEqual(['d', 'a/b']);
    expect(Object.keys(w['a/b'])).toEqual(['bias']);
    expect(w.d.kernel.shape).toEqual([2, 1]);
    expect(Array.from(weightValues(w.d.kernel, { node: 'd', param: 'kernel' }))).toEqual([1.5, -2]);
    expect(Array.from(weightValues(w.d.bias, { node: 'd', param: 'bias' }))).toEqual([0.25]);
  });
});
