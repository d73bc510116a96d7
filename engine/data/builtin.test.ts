import { describe, it, expect } from 'vitest';
import { builtinDatasetList, builtinDatasets } from './builtin.ts';

describe('builtinDatasets', () => {
  it('two-tower-sample has x [10, 2] and y [10, 1] with the published values', () => {
    const ds = builtinDatasets['two-tower-sample'];
    expect(ds.arrays.x.shape).toEqual([10, 2]);
    expect(ds.arrays.y.shape).toEqual([10, 1]);
    expect(ds.arrays.x.data[0]).toBe(Math.fround(-0.8464397));
    expect(ds.arrays.x.data[11]).toBe(Math.fround(2.671993)); // row 5, column 1
    expect(ds.arrays.x.data[19]).toBe(Math.fround(0.84211487));
    expect(ds.arrays.y.data[7]).toBe(Math.fround(2.7505376));
    expect(ds.arrays.y.data[9]).toBe(Math.fround(-1.4352192));
    expect(ds.source).toBe('builtin:two-tower-sample');
  });

  it('study-hours has 25 Hours and Scores whose least-squares line is 9.7758·h + 2.4837', () => {
    const ds = builtinDatasets['study-hours'];
    expect(ds.columns).toEqual(['Hours', 'Scores']);
    const h = Array.from(ds.arrays.Hours.data);
    const s = Array.from(ds.arrays.Scores.data);
    expect(ds.arrays.Hours.shape).toEqual([25]);
    expect(ds.arrays.Scores.shape).toEqual([25]);
    expect(h.reduce((a, b) => a + b)).toBeCloseTo(125.3, 4);
    expect(s.reduce((a, b) => a + b)).toBe(1287);
    // The well-known fit of this table (slope 9.77580339, intercept 2.48367341) checks every value.
    const mh = h.reduce((a, b) => a + b) / 25;
    const ms = s.reduce((a, b) => a + b) / 25;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < 25; i++) {
      sxy += (h[i] - mh) * (s[i] - ms);
      sxx += (h[i] - mh) ** 2;
    }
    expect(sxy / sxx).toBeCloseTo(9.7758034, 5);
    expect(ms - (sxy / sxx) * mh).toBeCloseTo(2.4836734, 4);
  });

  it('returns fresh arrays on every access', () => {
    const a = builtinDatasets['two-tower-sample'];
    a.arrays.x.data[0] = 123;
    expect(builtinDatasets['two-tower-sample'].arrays.x.data[0]).toBe(Math.fround(-0.8464397));
  });

  it('lists every dataset with the shapes it really has', () => {
    expect(builtinDatasetList.map((d) => d.id)).toEqual(Object.keys(builtinDatasets));
    for (const info of builtinDatasetList) {
      const ds = builtinDatasets[info.id];
      expect(info.title.length).toBeGreaterThan(0);
      expect(info.description.length).toBeGreaterThan(0);
      expect(info.arrays.map((a) => a.name)).toEqual(Object.keys(ds.arrays));
      for (const a of info.arrays) {
        expect(ds.arrays[a.name].shape).toEqual(a.shape);
        expect(ds.dtypes?.[a.name]).toBe(a.dtype);
      }
    }
  });
});
