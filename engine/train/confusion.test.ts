import { describe, expect, it } from 'vitest';
import type { LossSpec } from '../document/schema.ts';
import { isLoomError } from '../errors.ts';
import {
  argmax,
  classify,
  confusionMatrix,
  detectTask,
  isCorrect,
  misclassified,
  regressionSummary,
  sigmoid,
  softmax,
  type ClassificationTask,
} from './confusion.ts';

const rows = (values: number[], width: number) => ({ data: new Float32Array(values), width });
const loss = (type: LossSpec['type'], params: Record<string, unknown> = {}): LossSpec => ({
  type,
  params,
});

describe('detectTask', () => {
  it('reads sparse categorical crossentropy as class ids', () => {
    expect(detectTask(loss('sparseCategoricalCrossentropy'), 10, rows([3, 1, 9], 1))).toEqual({
      kind: 'classification',
      encoding: 'sparse',
      classes: 10,
      fromLogits: false,
    });
  });

  it('takes fromLogits from a crossentropy loss only', () => {
    const t = detectTask(
      loss('sparseCategoricalCrossentropy', { fromLogits: true }),
      3,
      rows([0], 1),
    );
    expect(t).toMatchObject({ fromLogits: true });
    expect(detectTask(loss('meanSquaredError', { fromLogits: true }), 3, rows([0, 2], 1))).toEqual({
      kind: 'classification',
      encoding: 'sparse',
      classes: 3,
      fromLogits: false,
    });
  });

  it('reads categorical crossentropy as one-hot, even with soft targets', () => {
    const t = detectTask(loss('categoricalCrossentropy'), 3, rows([0.9, 0.05, 0.05], 3));
    expect(t).toMatchObject({ kind: 'classification', encoding: 'onehot', classes: 3 });
  });

  it('detects one-hot and class-id targets under a regression loss', () => {
    expect(detectTask(loss('meanSquaredError'), 2, rows([0, 1, 1, 0], 2))).toMatchObject({
      encoding: 'onehot',
    });
    expect(detectTask(loss('meanSquaredError'), 4, rows([0, 3, 2], 1))).toMatchObject({
      encoding: 'sparse',
      classes: 4,
    });
  });

  it('keeps regression when targets are not class ids or one-hot', () => {
    const mse = loss('meanSquaredError');
    expect(detectTask(mse, 3, rows([0, 3], 1))).toEqual({ kind: 'regression' }); // 3 ≥ classes
    expect(detectTask(mse, 3, rows([0.5], 1))).toEqual({ kind: 'regression' });
    expect(detectTask(mse, 2, rows([1, 1, 0, 0], 2))).toEqual({ kind: 'regression' }); // two ones
    expect(detectTask(mse, 2, rows([0.3, 0.7], 2))).toEqual({ kind: 'regression' });
    expect(detectTask(mse, 3, rows([1, 0], 2))).toEqual({ kind: 'regression' }); // width mismatch
  });

  it('reads width 1 with 0/1 targets or binary crossentropy as binary', () => {
    expect(detectTask(loss('meanSquaredError'), 1, rows([0, 1, 1], 1))).toEqual({
      kind: 'classification',
      encoding: 'binary',
      classes: 2,
      fromLogits: false,
    });
    expect(
      detectTask(loss('binaryCrossentropy', { fromLogits: true }), 1, rows([0.2], 1)),
    ).toMatchObject({ encoding: 'binary', fromLogits: true });
  });

  it('keeps width 1 with other targets, and empty targets, as regression', () => {
    expect(detectTask(loss('meanSquaredError'), 1, rows([21, 47], 1))).toEqual({
      kind: 'regression',
    });
    expect(detectTask(loss('meanSquaredError'), 1, rows([], 1))).toEqual({ kind: 'regression' });
    expect(detectTask(loss('meanSquaredError'), 3, rows([], 1))).toEqual({ kind: 'regression' });
  });
});

describe('argmax, softmax, sigmoid', () => {
  it('returns the first maximum within the row', () => {
    expect(argmax([9, 1, 5, 5, 2], 1, 4)).toBe(1);
    expect(argmax([0, 0, 0], 0, 3)).toBe(0);
  });

  it('skips non-finite values and returns −1 when none is finite', () => {
    expect(argmax([NaN, 2, Infinity, 3], 0, 4)).toBe(3);
    expect(argmax([NaN, NaN], 0, 2)).toBe(-1);
    expect(argmax([], 0, 0)).toBe(-1);
  });

  it('computes a stable softmax', () => {
    const p = softmax([1000, 1000, 999], 0, 3);
    expect(p[0]).toBeCloseTo(p[1], 12);
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 12);
    expect(p[2] / p[0]).toBeCloseTo(Math.exp(-1), 12);
    expect([...softmax([NaN, NaN], 0, 2)]).toEqual([0, 0]);
  });

  it('computes sigmoid without overflow', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(2)).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
  });
});

describe('classify', () => {
  const sparse: ClassificationTask = {
    kind: 'classification',
    encoding: 'sparse',
    classes: 3,
    fromLogits: false,
  };

  it('predicts the argmax and reads class ids', () => {
    const c = classify(sparse, rows([0.1, 0.7, 0.2, 0.5, 0.3, 0.2], 3), rows([1, 2], 1));
    expect([...c.predicted]).toEqual([1, 0]);
    expect([...c.actual]).toEqual([1, 2]);
    expect(c.probability[0]).toBeCloseTo(0.7, 6);
    expect(c.probability[1]).toBeCloseTo(0.5, 6);
  });

  it('applies softmax to logits for the probability', () => {
    const c = classify({ ...sparse, fromLogits: true }, rows([0, Math.log(3), 0], 3), rows([1], 1));
    expect(c.predicted[0]).toBe(1);
    expect(c.probability[0]).toBeCloseTo(0.6, 6);
  });

  it('marks NaN predictions and unusable targets as class −1', () => {
    const c = classify(sparse, rows([NaN, NaN, NaN, 1, 0, 0, 1, 0, 0], 3), rows([0, 5, 0.5], 1));
    expect([...c.predicted]).toEqual([-1, 0, 0]);
    expect([...c.actual]).toEqual([0, -1, -1]);
    expect(Number.isNaN(c.probability[0])).toBe(true);
  });

  it('reads one-hot targets by argmax', () => {
    const task: ClassificationTask = { ...sparse, encoding: 'onehot' };
    const c = classify(task, rows([0.2, 0.3, 0.5, 0.6, 0.3, 0.1], 3), rows([0, 0, 1, 0, 1, 0], 3));
    expect([...c.predicted]).toEqual([2, 0]);
    expect([...c.actual]).toEqual([2, 1]);
  });

  it('thresholds binary outputs at 0.5 (after a sigmoid for logits)', () => {
    const task: ClassificationTask = {
      kind: 'classification',
      encoding: 'binary',
      classes: 2,
      fromLogits: false,
    };
    const c = classify(task, rows([0.8, 0.5, 0.1, NaN], 1), rows([1, 1, 0, 1], 1));
    expect([...c.predicted]).toEqual([1, 0, 0, -1]);
    expect([...c.actual]).toEqual([1, 1, 0, 1]);
    expect(c.probability[0]).toBeCloseTo(0.8, 6);
    expect(c.probability[2]).toBeCloseTo(0.9, 6);
    const logits = classify({ ...task, fromLogits: true }, rows([-2, 3], 1), rows([0, 0], 1));
    expect([...logits.predicted]).toEqual([0, 1]);
    expect(logits.probability[1]).toBeCloseTo(sigmoid(3), 6);
  });

  it('refuses outputs and targets with different row counts', () => {
    try {
      classify(sparse, rows([1, 0, 0], 3), rows([0, 1], 1));
      expect.unreachable();
    } catch (e) {
      expect(isLoomError(e) && e.code).toBe('graph/shape');
    }
  });
});

describe('confusionMatrix and misclassified', () => {
  const actual = [0, 1, 2, 2, 1, 0, -1];
  const predicted = [0, 2, 2, 1, 1, -1, 0];

  it('counts true-by-predicted pairs and the accuracy over all rows', () => {
    const m = confusionMatrix(actual, predicted, 3);
    expect(m.counts).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 1, 1],
    ]);
    expect(m.counted).toBe(5);
    expect(m.invalid).toBe(2);
    expect(m.correct).toBe(3);
    expect(m.total).toBe(7);
    expect(m.accuracy).toBeCloseTo(3 / 7, 12);
  });

  it('reports NaN accuracy for no rows', () => {
    const m = confusionMatrix([], [], 2);
    expect(m.counts).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(Number.isNaN(m.accuracy)).toBe(true);
  });

  it('lists the wrong rows in order, up to a limit', () => {
    expect(misclassified(actual, predicted)).toEqual([1, 3, 5, 6]);
    expect(misclassified(actual, predicted, 2)).toEqual([1, 3]);
    expect(misclassified([0, 1], [0, 1])).toEqual([]);
  });

  it('never counts a row without a valid true class as correct', () => {
    expect(isCorrect(-1, -1)).toBe(false);
    expect(isCorrect(2, 2)).toBe(true);
  });
});

describe('regressionSummary', () => {
  it('computes MAE, RMSE and R²', () => {
    // Targets 1, 2, 3, 4 (mean 2.5, SS_tot 5); errors 0.5, −0.5, 0, 1 (SS_res 1.5).
    const s = regressionSummary(rows([1.5, 1.5, 3, 5], 1), rows([1, 2, 3, 4], 1));
    expect(s.count).toBe(4);
    expect(s.mae).toBeCloseTo(0.5, 6);
    expect(s.rmse).toBeCloseTo(Math.sqrt(1.5 / 4), 6);
    expect(s.r2).toBeCloseTo(1 - 1.5 / 5, 6);
  });

  it('averages R² over columns and skips columns whose targets do not vary', () => {
    // Column 0: perfect (R² 1); column 1: predicting the mean (R² 0); column 2: constant target.
    const s = regressionSummary(rows([1, 2, 7, 2, 2, 7], 3), rows([1, 1, 7, 2, 3, 7], 3));
    expect(s.r2).toBeCloseTo(0.5, 6);
    expect(regressionSummary(rows([1, 2], 1), rows([5, 5], 1)).r2).toBeNull();
  });

  it('skips non-finite pairs and counts them', () => {
    const s = regressionSummary(rows([1, NaN, 3], 1), rows([2, 2, Infinity], 1));
    expect(s.count).toBe(1);
    expect(s.nonFinite).toBe(2);
    expect(s.mae).toBeCloseTo(1, 6);
  });

  it('gives NaN errors for no rows, and refuses mismatched widths', () => {
    const s = regressionSummary(rows([], 1), rows([], 1));
    expect(Number.isNaN(s.mae) && Number.isNaN(s.rmse)).toBe(true);
    expect(s.r2).toBeNull();
    expect(() => regressionSummary(rows([1, 2], 2), rows([1], 1))).toThrow(/values per row/);
  });
});
