import { describe, expect, it } from 'vitest';
import type { StepDetailWire } from '../../../../engine/worker/protocol.ts';
import {
  heatmapSize,
  logChanges,
  matrixShape,
  maxAbs,
  paramStepStats,
  updateRatio,
} from './stats.ts';

describe('matrixShape', () => {
  it('puts the last axis across and folds the rest down', () => {
    expect(matrixShape([2, 1])).toEqual({ rows: 2, cols: 1 });
    expect(matrixShape([784, 512])).toEqual({ rows: 784, cols: 512 });
    expect(matrixShape([10])).toEqual({ rows: 1, cols: 10 });
    expect(matrixShape([2, 3, 4])).toEqual({ rows: 6, cols: 4 });
    expect(matrixShape([])).toEqual({ rows: 1, cols: 1 });
  });
});

describe('heatmapSize', () => {
  it('fits long axes into 280 px and zooms short ones at most 8×', () => {
    expect(heatmapSize(784, 512)).toEqual({ width: 280, height: 280 });
    expect(heatmapSize(512, 10)).toEqual({ width: 80, height: 280 });
    expect(heatmapSize(1, 512)).toEqual({ width: 280, height: 16 });
    expect(heatmapSize(9, 8)).toEqual({ width: 64, height: 72 });
  });
});

describe('maxAbs', () => {
  it('is the largest finite magnitude over all arrays', () => {
    expect(maxAbs(new Float32Array([0.5, -2]), [1, NaN, -Infinity])).toBe(2);
    expect(maxAbs([0, 0])).toBe(0);
    expect(maxAbs()).toBe(0);
  });
});

describe('paramStepStats', () => {
  const detail: StepDetailWire = {
    step: 1,
    epoch: 0,
    batch: 0,
    batchSize: 4,
    logsBefore: { loss: 2 },
    logsAfter: { loss: 1.5 },
    before: { k: new Float32Array([3, 4]) },
    grads: { k: new Float32Array([1, -1]) },
    updates: { k: new Float32Array([-0.3, 0.4]) },
    after: { k: new Float32Array([2.7, 4.4]) },
  };

  it('computes every quantity from the step’s arrays', () => {
    const s = paramStepStats(detail, 'k');
    expect(s.before.norm).toBe(5);
    expect(s.grads).toMatchObject({ mean: 0, min: -1, max: 1, size: 2 });
    expect(s.updates.norm).toBeCloseTo(0.5, 6);
    expect(updateRatio(s)).toBeCloseTo(0.1, 6);
  });

  it('copes with a key the step does not have', () => {
    const s = paramStepStats(detail, 'missing');
    expect(s.grads.size).toBe(0);
    expect(updateRatio(s)).toBeNaN();
  });
});

describe('logChanges', () => {
  it('lists loss first with its change and relative change', () => {
    const rows = logChanges({ accuracy: 0.5, loss: 2 }, { accuracy: 0.75, loss: 1.5, mae: 1 });
    expect(rows.map((r) => r.name)).toEqual(['loss', 'accuracy', 'mae']);
    expect(rows[0]).toEqual({ name: 'loss', before: 2, after: 1.5, delta: -0.5, relative: -0.25 });
    expect(rows[1].delta).toBe(0.25);
    expect(rows[2].before).toBeNaN();
    expect(rows[2].relative).toBeNaN();
  });
});
