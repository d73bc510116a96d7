import { describe, expect, it } from 'vitest';
import { ProjectSchema, type Project } from '../../../engine/document/schema.ts';
import type { Inspection } from '../training/controller.ts';
import {
  analyse,
  classLabel,
  formatRow,
  formatValue,
  inspectionRows,
  MAX_WRONG,
  percent,
  rowError,
  rowIsWrong,
} from './analyse.ts';

const rows = (values: number[], width: number) => ({ data: new Float32Array(values), width });

function project(losses: Project['training']['losses'] = {}): Project {
  return ProjectSchema.parse({
    schemaVersion: 1,
    nodes: [
      { id: 'x', type: 'Input', name: 'pixels' },
      { id: 'reg', type: 'Dense', name: 'score' },
      { id: 'cls', type: 'Dense', name: 'digit' },
    ],
    training: { losses },
  });
}

describe('analyse', () => {
  const inspection: Inspection = {
    split: 'train',
    outputs: {
      cls: rows([0.9, 0.1, 0.2, 0.8, 0.6, 0.4], 2),
      reg: rows([1, 2, 4], 1),
    },
    targets: { cls: rows([0, 1, 1], 1), reg: rows([1, 2, 3], 1) },
  };

  it('orders outputs as the document does and names them', () => {
    const a = analyse(inspection, project());
    expect(a.map((o) => [o.id, o.name])).toEqual([
      ['reg', 'score'],
      ['cls', 'digit'],
    ]);
  });

  it('reads classifiers into a confusion matrix and misclassified rows', () => {
    const cls = analyse(
      inspection,
      project({ cls: { type: 'sparseCategoricalCrossentropy', params: {} } }),
    )[1];
    expect(cls.task).toMatchObject({ kind: 'classification', encoding: 'sparse', classes: 2 });
    expect(cls.confusion?.counts).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(cls.wrong).toEqual([2]);
    expect(cls.regression).toBeNull();
  });

  it('summarises regressions', () => {
    const reg = analyse(inspection, project())[0];
    expect(reg.task).toEqual({ kind: 'regression' });
    expect(reg.regression?.mae).toBeCloseTo(1 / 3, 6);
    expect(reg.classified).toBeNull();
  });

  it('caps the misclassified rows', () => {
    const n = MAX_WRONG + 10;
    const many: Inspection = {
      split: 'validation',
      outputs: {
        cls: rows(
          Array.from({ length: n * 2 }, (_, i) => (i % 2 ? 1 : 0)),
          2,
        ),
      },
      targets: { cls: rows(new Array<number>(n).fill(0), 1) },
    };
    const [cls] = analyse(many, project());
    expect(cls.wrong).toHaveLength(MAX_WRONG);
    expect(cls.confusion?.correct).toBe(0);
  });

  it('shows outputs without (matching) targets as bare predictions', () => {
    const bare: Inspection = {
      split: 'train',
      outputs: { reg: rows([1, 2], 1), cls: rows([1, 0], 2) },
      targets: { cls: rows([0, 1], 1) }, // 2 targets for 1 row
    };
    const [reg, cls] = analyse(bare, project());
    expect(reg.targets).toBeNull();
    expect(reg.regression).toBeNull();
    expect(cls.task).toEqual({ kind: 'regression' });
    expect(cls.regression).toBeNull();
  });

  it('counts rows and flags rows any classifier gets wrong', () => {
    const a = analyse(inspection, project());
    expect(inspectionRows(a)).toBe(3);
    expect([0, 1, 2].map((i) => rowIsWrong(a, i))).toEqual([false, false, true]);
    expect(inspectionRows([])).toBe(0);
  });
});

describe('cell text', () => {
  it('formats values with four significant digits', () => {
    expect(formatValue(3.14159)).toBe('3.142');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(1e-6)).toBe('1.000e-6');
    expect(formatValue(2.5e7)).toBe('2.500e7');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('−∞');
  });

  it('formats rows, shortening wide ones', () => {
    expect(formatRow(rows([1.5, 2], 1), 1)).toBe('2');
    expect(formatRow(rows([1, 2, 3, 4, 5, 6, 7, 8], 4), 1)).toBe('[5, 6, 7, …]');
    expect(formatRow(rows([1, 2], 2), 0)).toBe('[1, 2]');
  });

  it('computes the error of a row', () => {
    expect(rowError(rows([3, 5], 1), rows([1, 1], 1), 1)).toBe(4);
    expect(rowError(rows([1, 2], 2), rows([2, 4], 2), 0)).toBe(1.5);
  });

  it('labels classes and percentages', () => {
    expect(classLabel(3)).toBe('3');
    expect(classLabel(-1)).toBe('—');
    expect(percent(0.9234)).toBe('92.3%');
    expect(percent(NaN)).toBe('—');
  });
});
