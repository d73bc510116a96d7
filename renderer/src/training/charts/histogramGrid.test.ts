import { describe, expect, it } from 'vitest';
import { commonRange, histogramGrid, rebin } from './histogramGrid.ts';

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe('rebin', () => {
  it('maps identical bins one to one', () => {
    const out = new Float32Array(4);
    rebin({ lo: 0, hi: 4, counts: [1, 2, 3, 4] }, 0, 4, 4, out);
    expect(Array.from(out)).toEqual([1, 2, 3, 4]);
  });

  it('spreads a source bin over the target bins it overlaps, conserving counts', () => {
    const out = new Float32Array(4);
    rebin({ lo: 0, hi: 2, counts: [4, 8] }, 0, 4, 8, out);
    // Target bins are 0.5 wide: source [0,1) → two bins of 2, [1,2) → two bins of 4.
    expect(Array.from(out)).toEqual([2, 2, 4, 4]);
    const wide = new Float32Array(10);
    rebin({ lo: -0.3, hi: 0.7, counts: [5, 1, 7] }, -1, 1, 10, wide);
    expect(sum(wide)).toBeCloseTo(13, 5);
  });

  it('puts a one-point histogram in the bin holding that value', () => {
    const out = new Float32Array(4);
    rebin({ lo: 0, hi: 0, counts: [6, 0, 0] }, -1, 1, 4, out);
    expect(Array.from(out)).toEqual([0, 0, 6, 0]);
    const top = new Float32Array(4);
    rebin({ lo: 1, hi: 1, counts: [2] }, -1, 1, 4, top);
    expect(top[3]).toBe(2);
  });
});

describe('commonRange', () => {
  it('spans every finite histogram and widens a single point', () => {
    expect(
      commonRange([
        { lo: -1, hi: 2, counts: [1] },
        { lo: -3, hi: 0, counts: [1] },
        { lo: NaN, hi: NaN, counts: [1] },
        { lo: -100, hi: 100, counts: [0] },
      ]),
    ).toEqual({ lo: -3, hi: 2 });
    expect(commonRange([{ lo: 0, hi: 0, counts: [3] }])).toEqual({ lo: -1e-3, hi: 1e-3 });
    expect(commonRange([])).toBeNull();
  });
});

describe('histogramGrid', () => {
  it('lays samples out as columns on one axis with per-column maxima', () => {
    const g = histogramGrid(
      [
        { step: 1, hist: { lo: 0, hi: 1, counts: [3, 1] } },
        { step: 5, hist: { lo: -1, hi: 1, counts: [2, 2] } },
      ],
      4,
    )!;
    expect(g.steps).toEqual([1, 5]);
    expect([g.lo, g.hi]).toEqual([-1, 1]);
    expect(Array.from(g.values)).toEqual([0, 0, 3, 1, 1, 1, 1, 1]);
    expect(Array.from(g.colMax)).toEqual([3, 1]);
  });
});
