import { describe, expect, it } from 'vitest';
import type { ParamStats, StatsSample } from '../../../../engine/worker/protocol.ts';
import { ascendingTail, gradNormColumns } from './gradNormData.ts';

function param(norm: number): ParamStats {
  const t = { norm, mean: 0, min: 0, max: 0, nonFinite: 0, size: 1 };
  const h = { lo: 0, hi: 0, counts: [1] };
  return { grad: t, weight: t, gradHist: h, weightHist: h };
}

function sample(step: number, norms: Record<string, number>): StatsSample {
  const params: Record<string, ParamStats> = {};
  for (const [k, v] of Object.entries(norms)) params[k] = param(v);
  return { step, params, activationGrads: {} };
}

describe('gradNormColumns', () => {
  it('has one series per parameter key, with gaps where a key is missing', () => {
    const { keys, columns } = gradNormColumns(
      [sample(1, { 'd/kernel': 2 }), sample(3, { 'd/kernel': 1, 'd/bias': 0.5 })],
      false,
    );
    expect(keys).toEqual(['d/kernel', 'd/bias']);
    expect(columns.x).toEqual([1, 3]);
    expect(columns.ys).toEqual([
      [2, 1],
      [null, 0.5],
    ]);
  });

  it('leaves zero norms out on a log axis', () => {
    const { columns } = gradNormColumns([sample(1, { k: 0 }), sample(2, { k: 1 })], true);
    expect(columns.ys[0]).toEqual([null, 1]);
  });

  it('keeps only the samples since the step counter last went back', () => {
    const tail = ascendingTail([sample(1, {}), sample(5, {}), sample(2, {}), sample(3, {})]);
    expect(tail.map((s) => s.step)).toEqual([2, 3]);
  });
});
