import { describe, expect, it } from 'vitest';
import { BLOCK, Decimator, decimate, drawable } from './decimate.ts';

describe('drawable', () => {
  it('turns values a chart cannot draw into gaps', () => {
    expect(drawable(1.5, false)).toBe(1.5);
    expect(drawable(NaN, false)).toBeNull();
    expect(drawable(Infinity, false)).toBeNull();
    expect(drawable(-2, false)).toBe(-2);
    expect(drawable(-2, true)).toBeNull();
    expect(drawable(0, true)).toBeNull();
    expect(drawable(1e-9, true)).toBe(1e-9);
  });
});

describe('decimate', () => {
  it('keeps every point when they fit, with gaps for NaN', () => {
    const x = new Float64Array([1, 2, 3]);
    const c = decimate(x, [new Float64Array([0.5, NaN, 0.25])], 100);
    expect(c.x).toEqual([1, 2, 3]);
    expect(c.ys).toEqual([[0.5, null, 0.25]]);
  });

  it('drops non-positive values on a log axis', () => {
    const c = decimate([1, 2], [[0, 3]], 10, true);
    expect(c.ys[0]).toEqual([null, 3]);
  });

  it('keeps each bucket’s min and max in order, so spikes survive', () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => i + 1);
    const y = Float64Array.from({ length: n }, (_, i) => 1 / (i + 1));
    y[5_000] = 50;
    y[7_777] = -3;
    const c = decimate(x, [y], 400);
    expect(c.x.length).toBe(400);
    expect(c.ys[0].length).toBe(400);
    expect(c.x[0]).toBe(1);
    expect(c.x[c.x.length - 1]).toBe(n);
    for (let i = 1; i < c.x.length; i++) expect(c.x[i]).toBeGreaterThanOrEqual(c.x[i - 1]);
    const vals = c.ys[0].filter((v): v is number => v !== null);
    expect(Math.max(...vals)).toBe(50);
    expect(Math.min(...vals)).toBe(-3);
    expect(vals[0]).toBe(1);
  });

  it('shares the x columns between series and leaves all-gap buckets empty', () => {
    const n = 1000;
    const x = Array.from({ length: n }, (_, i) => i);
    const a = Array.from({ length: n }, (_, i) => (i < 500 ? NaN : i));
    const b = Array.from({ length: n }, (_, i) => 10 - i);
    const c = decimate(x, [a, b], 100);
    expect(c.ys[0].slice(0, 10)).toEqual(new Array(10).fill(null));
    expect(c.ys[0][99]).toBe(999);
    expect(c.ys[1][0]).toBe(10);
    expect(c.ys[1][99]).toBe(-989);
  });
});

describe('Decimator', () => {
  const n = 200_003;
  const x = Float64Array.from({ length: n }, (_, i) => i + 1);
  const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i / 1000) + 2);
  y[123_457] = 40;
  y[7] = NaN;
  y[199_999] = 0.5;

  it('keeps spikes and the x range with at most maxPoints points', () => {
    const c = new Decimator(false).columns({}, 'y', x, [y], 1000);
    expect(c.x.length).toBeLessThanOrEqual(1000);
    expect(c.x.length).toBeGreaterThan(800);
    expect(c.x[0]).toBe(1);
    expect(c.x[c.x.length - 1]).toBe(n);
    for (let i = 1; i < c.x.length; i++) expect(c.x[i]).toBeGreaterThanOrEqual(c.x[i - 1]);
    const vals = c.ys[0].filter((v): v is number => v !== null);
    expect(Math.max(...vals)).toBe(40);
    expect(Math.min(...vals)).toBe(0.5);
  });

  it('gives the same columns growing step by step as all at once', () => {
    const source = {};
    const grown = new Decimator(true);
    for (let len = 50_000; len < n; len += 12_345)
      grown.columns(source, 'y', x.subarray(0, len), [y.subarray(0, len)], 800);
    const a = grown.columns(source, 'y', x, [y], 800);
    const b = new Decimator(true).columns({}, 'y', x, [y], 800);
    expect(a).toEqual(b);
  });

  it('starts over for another source or fewer steps', () => {
    const d = new Decimator(false);
    d.columns({}, 'y', x, [y], 800);
    const other = Float64Array.from({ length: n }, () => 1);
    const c = d.columns({}, 'y', x, [other], 800);
    expect(new Set(c.ys[0])).toEqual(new Set([1]));
  });

  it('falls back to a full scan when buckets are smaller than two blocks', () => {
    const m = BLOCK * 150;
    const c = new Decimator(false).columns({}, 'y', x.subarray(0, m), [y.subarray(0, m)], 400);
    expect(c).toEqual(decimate(x.subarray(0, m), [y.subarray(0, m)], 400));
  });
});
