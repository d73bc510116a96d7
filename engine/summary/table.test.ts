import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatOutputShape,
  paramTotal,
  readableMemorySize,
  summaryTable,
} from './table.ts';
import type { SummaryLayer, SummaryModel } from './types.ts';

function layer(
  name: string,
  className: string,
  outputShape: (number | null)[],
  params: number,
  inbound: string[] = [],
  trainableParams = params,
): SummaryLayer {
  return { name, className, outputShape, params, trainableParams, inbound };
}

// Input(2) → Dense(1) 'dense1' and Dense(2) 'dense2' → Concatenate → Dense(1), in document order
// that is not Keras order.
const twoTower: SummaryModel = {
  name: 'functional',
  layers: [
    layer('concat', 'Concatenate', [null, 3], 0, ['dense1', 'dense2']),
    layer('dense3', 'Dense', [null, 1], 4, ['concat']),
    layer('input', 'InputLayer', [null, 2], 0),
    layer('dense2', 'Dense', [null, 2], 6, ['input']),
    layer('dense1', 'Dense', [null, 1], 3, ['input']),
  ],
  inputs: ['input'],
  outputs: ['dense3'],
};

const mnistMlp: SummaryModel = {
  name: 'functional',
  layers: [
    layer('input', 'InputLayer', [null, 784], 0),
    layer('dense', 'Dense', [null, 512], 401920, ['input']),
    layer('dropout', 'Dropout', [null, 512], 0, ['dense']),
    layer('dense_1', 'Dense', [null, 10], 5130, ['dropout']),
  ],
  inputs: ['input'],
  outputs: ['dense_1'],
};

describe('summaryTable', () => {
  it('builds the two-tower rows in Keras order with Connected to', () => {
    const t = summaryTable(twoTower);
    expect(t.title).toBe('Model: "functional"');
    expect(t.sequentialLike).toBe(false);
    expect(t.header).toEqual(['Layer (type)', 'Output Shape', 'Param #', 'Connected to']);
    expect(t.align).toEqual(['left', 'left', 'right', 'left']);
    expect(t.positions).toEqual([0.3, 0.56, 0.74, 1.0]);
    expect(t.defaultLineLength).toBe(108);
    expect(t.rows).toEqual([
      { layerName: 'input', cells: ['input (InputLayer)', '(None, 2)', '0', '-'], connectedTo: [] },
      {
        layerName: 'dense1',
        cells: ['dense1 (Dense)', '(None, 1)', '3', 'input[0][0]'],
        connectedTo: ['input[0][0]'],
      },
      {
        layerName: 'dense2',
        cells: ['dense2 (Dense)', '(None, 2)', '6', 'input[0][0]'],
        connectedTo: ['input[0][0]'],
      },
      {
        layerName: 'concat',
        cells: ['concat (Concatenate)', '(None, 3)', '0', 'dense1[0][0], dense2[0][0]'],
        connectedTo: ['dense1[0][0]', 'dense2[0][0]'],
      },
      {
        layerName: 'dense3',
        cells: ['dense3 (Dense)', '(None, 1)', '4', 'concat[0][0]'],
        connectedTo: ['concat[0][0]'],
      },
    ]);
    expect(t.totals).toEqual({
      total: { count: 13, bytes: 52, text: '13 (52.00 B)' },
      trainable: { count: 13, bytes: 52, text: '13 (52.00 B)' },
      nonTrainable: { count: 0, bytes: 0, text: '0 (0.00 B)' },
    });
  });

  it('drops the Connected to column for the sequential-like MNIST MLP', () => {
    const t = summaryTable(mnistMlp);
    expect(t.sequentialLike).toBe(true);
    expect(t.header).toEqual(['Layer (type)', 'Output Shape', 'Param #']);
    expect(t.align).toEqual(['left', 'left', 'right']);
    expect(t.positions).toEqual([0.45, 0.8, 1.0]);
    expect(t.defaultLineLength).toBe(88);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['input (InputLayer)', '(None, 784)', '0'],
      ['dense (Dense)', '(None, 512)', '401,920'],
      ['dropout (Dropout)', '(None, 512)', '0'],
      ['dense_1 (Dense)', '(None, 10)', '5,130'],
    ]);
    // The connection list is still there for a UI that wants to draw it.
    expect(t.rows[2].connectedTo).toEqual(['dense[0][0]']);
    expect(t.totals.total.text).toBe('407,050 (1.55 MB)');
    expect(t.totals.trainable.text).toBe('407,050 (1.55 MB)');
    expect(t.totals.nonTrainable.text).toBe('0 (0.00 B)');
  });

  it('splits trainable and non-trainable counts', () => {
    const m: SummaryModel = {
      ...mnistMlp,
      layers: mnistMlp.layers.map((l) => (l.name === 'dense' ? { ...l, trainableParams: 0 } : l)),
    };
    const t = summaryTable(m).totals;
    expect(t.total.count).toBe(407050);
    expect(t.trainable).toEqual({ count: 5130, bytes: 20520, text: '5,130 (20.04 KB)' });
    expect(t.nonTrainable).toEqual({ count: 401920, bytes: 1607680, text: '401,920 (1.53 MB)' });
  });

  it('leaves layers that feed no output out of the rows and the totals, like Keras', () => {
    const m: SummaryModel = {
      ...twoTower,
      layers: [...twoTower.layers, layer('side', 'Dense', [null, 7], 21, ['input'])],
    };
    const t = summaryTable(m);
    expect(t.rows.map((r) => r.layerName)).not.toContain('side');
    expect(t.totals.total.count).toBe(13);
  });

  it('lists a layer fed twice by the same layer twice', () => {
    const m: SummaryModel = {
      name: 'm',
      layers: [
        layer('x', 'InputLayer', [null, 2], 0),
        layer('c', 'Concatenate', [null, 4], 0, ['x', 'x']),
      ],
      inputs: ['x'],
      outputs: ['c'],
    };
    expect(summaryTable(m).rows[1].cells[3]).toBe('x[0][0], x[0][0]');
  });
});

describe('formatOutputShape', () => {
  it('prints None for unknown dims, comma-separated', () => {
    expect(formatOutputShape([null, 2])).toBe('(None, 2)');
    expect(formatOutputShape([null, 28, 28, 1])).toBe('(None, 28, 28, 1)');
    expect(formatOutputShape([null, null, 512])).toBe('(None, None, 512)');
  });

  it('prints a rank-1 shape without the tuple comma, as summary_utils joins dims itself', () => {
    expect(formatOutputShape([null])).toBe('(None)');
    expect(formatOutputShape([])).toBe('()');
  });
});

describe('formatCount', () => {
  it('groups thousands with commas like f"{n:,}"', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(407050)).toBe('407,050');
    expect(formatCount(23587712)).toBe('23,587,712');
    expect(formatCount(1234567890123)).toBe('1,234,567,890,123');
  });
});

describe('readableMemorySize', () => {
  it('uses 1024 steps and two decimals', () => {
    expect(readableMemorySize(0)).toBe('0.00 B');
    expect(readableMemorySize(52)).toBe('52.00 B');
    expect(readableMemorySize(1023)).toBe('1023.00 B');
    expect(readableMemorySize(1024)).toBe('1.00 KB');
    expect(readableMemorySize(220200)).toBe('215.04 KB'); // 55,050 params
    expect(readableMemorySize(1628200)).toBe('1.55 MB'); // 407,050 params
    expect(readableMemorySize(1024 ** 3)).toBe('1.00 GB');
    expect(readableMemorySize(5 * 1024 ** 4)).toBe('5.00 TB');
    expect(readableMemorySize(3 * 1024 ** 5)).toBe('3.00 PB');
  });

  it('rounds exact halves to even like Python, not up like toFixed', () => {
    // 4224 B = 4.125 KB exactly; 4480 B = 4.375 KB exactly.
    expect(readableMemorySize(4224)).toBe('4.12 KB');
    expect(readableMemorySize(4480)).toBe('4.38 KB');
    // Not a tie: 6149 B is 6.0048828125 KB.
    expect(readableMemorySize(6149)).toBe('6.00 KB');
  });

  it('keeps dividing past PB the way Keras does', () => {
    // Keras's loop divides once more after PB but still labels it PB.
    expect(readableMemorySize(2048 * 1024 ** 5)).toBe('2.00 PB');
  });
});

describe('paramTotal', () => {
  it('counts 4 bytes per float32 parameter', () => {
    expect(paramTotal(13)).toEqual({ count: 13, bytes: 52, text: '13 (52.00 B)' });
    expect(paramTotal(223242).text).toBe('223,242 (872.04 KB)');
    expect(paramTotal(5999).text).toBe('5,999 (23.43 KB)');
  });
});
