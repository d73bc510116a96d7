import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apply } from '../document/commands.ts';
import { parseProjectText } from '../document/parse.ts';
import { storeWeight } from '../document/weights.ts';
import { inferShapes } from '../graph/infer.ts';
import { weightPlan } from './weights.ts';

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
