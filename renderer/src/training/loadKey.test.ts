import { describe, expect, it } from 'vitest';
import { apply } from '../../../engine/document/commands.ts';
import { ProjectSchema } from '../../../engine/document/schema.ts';
import { weightValues } from '../../../engine/document/weights.ts';
import { projectWeightsOf, structuralKey } from './loadKey.ts';

const doc = ProjectSchema.parse({
  schemaVersion: 1,
  nodes: [
    { id: 'in', type: 'Input', name: 'in', params: { shape: [2] } },
    { id: 'd', type: 'Dense', name: 'd', params: { units: 1 } },
  ],
  edges: [{ id: 'e', source: { node: 'in', port: 'out' }, target: { node: 'd', port: 'in' } }],
});

describe('structuralKey', () => {
  it('ignores moves and weights but not params, edges, training or data', () => {
    const key = structuralKey(doc);
    const moved = apply(doc, { type: 'moveNodes', moves: [{ id: 'd', position: { x: 9, y: 9 } }] });
    expect(structuralKey(moved)).toBe(key);
    expect(structuralKey(apply(doc, { type: 'setWeights', weights: {} }))).toBe(key);
    expect(structuralKey(apply(doc, { type: 'setTraining', patch: { epochs: 99 } }))).toBe(key);
    const lr = { optimizer: { type: 'adam' as const, params: { learningRate: 0.1 } } };
    expect(structuralKey(apply(doc, { type: 'setTraining', patch: lr }))).toBe(key);
    const sgd = { optimizer: { type: 'sgd' as const, params: {} } };
    expect(structuralKey(apply(doc, { type: 'setTraining', patch: sgd }))).not.toBe(key);
    expect(
      structuralKey(apply(doc, { type: 'setParams', id: 'd', params: { units: 2 } })),
    ).not.toBe(key);
    expect(structuralKey(apply(doc, { type: 'setTraining', patch: { batchSize: 8 } }))).not.toBe(
      key,
    );
    expect(structuralKey(apply(doc, { type: 'removeEdges', ids: ['e'] }))).not.toBe(key);
  });
});

describe('projectWeightsOf', () => {
  it('stores each session weight under its node and weight name', () => {
    const w = projectWeightsOf(
      [
        { key: 'd/kernel', shape: [2, 1] },
        { key: 'd/bias', shape: [1] },
        { key: 'missing/kernel', shape: [1] },
      ],
      new Map([
        ['d/kernel', new Float32Array([1.5, -2])],
        ['d/bias', new Float32Array([0.25])],
      ]),
    );
    expect(Object.keys(w)).toEqual(['d']);
    expect(w.d.kernel.shape).toEqual([2, 1]);
    expect(Array.from(weightValues(w.d.kernel, { node: 'd', param: 'kernel' }))).toEqual([1.5, -2]);
    expect(Array.from(weightValues(w.d.bias, { node: 'd', param: 'bias' }))).toEqual([0.25]);
  });
});
