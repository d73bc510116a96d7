import { describe, expect, it } from 'vitest';
import { apply } from '../../../engine/document/commands.ts';
import { ProjectSchema } from '../../../engine/document/schema.ts';
import { structuralKey } from './loadKey.ts';

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
