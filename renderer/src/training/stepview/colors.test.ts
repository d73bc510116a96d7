import { describe, expect, it } from 'vitest';
import {
  LUT_SIZE,
  NAN_RGB,
  darkTextOn,
  divergingIndex,
  divergingLut,
  lutCss,
  lutFromStops,
  lutGradient,
  paintDiverging,
  sequentialLut,
} from './colors.ts';

describe('lutFromStops', () => {
  it('starts and ends on the first and last stop and interpolates between', () => {
    const lut = lutFromStops([
      [0, 0, 0],
      [255, 255, 255],
    ]);
    expect(lut.length).toBe(LUT_SIZE * 4);
    expect(Array.from(lut.slice(0, 4))).toEqual([0, 0, 0, 255]);
    expect(Array.from(lut.slice(-4))).toEqual([255, 255, 255, 255]);
    expect(lut[128 * 4]).toBe(128);
  });
});

describe('divergingIndex', () => {
  it('is symmetric around zero and clamps beyond the scale', () => {
    expect(divergingIndex(0, 1)).toBe(128);
    expect(divergingIndex(-1, 1)).toBe(0);
    expect(divergingIndex(1, 1)).toBe(255);
    expect(divergingIndex(5, 1)).toBe(255);
    expect(divergingIndex(-0.5, 2)).toBe(96);
    expect(divergingIndex(NaN, 1)).toBe(-1);
    expect(divergingIndex(3, 0)).toBe(128);
  });
});

describe('paintDiverging', () => {
  it('paints each value with the same entry divergingIndex picks, NaN in its own colour', () => {
    const lut = divergingLut(false);
    const values = new Float32Array([-2, -0.3, 0, 0.7, 2, NaN, Infinity]);
    const out = new Uint8ClampedArray(values.length * 4);
    paintDiverging(values, 1, lut, out);
    for (let i = 0; i < 5; i++) {
      const j = divergingIndex(values[i], 1) * 4;
      expect(Array.from(out.slice(i * 4, i * 4 + 4))).toEqual([
        lut[j],
        lut[j + 1],
        lut[j + 2],
        255,
      ]);
    }
    expect(Array.from(out.slice(20, 23))).toEqual([...NAN_RGB]);
    expect(Array.from(out.slice(24, 27))).toEqual([...NAN_RGB]);
  });

  it('paints zero as the theme background-like middle, negatives blue, positives red', () => {
    for (const dark of [false, true]) {
      const lut = divergingLut(dark);
      const out = new Uint8ClampedArray(12);
      paintDiverging([-1, 0, 1], 1, lut, out);
      expect(out[2]).toBeGreaterThan(out[0]); // negative: more blue than red
      expect(out[8]).toBeGreaterThan(out[10]); // positive: more red than blue
      const midLight = out[4] + out[5] + out[6];
      expect(dark ? midLight < 200 : midLight > 600).toBe(true);
    }
  });

  it('handles a 784×512 tensor quickly', () => {
    const values = Float32Array.from({ length: 784 * 512 }, (_, i) => Math.sin(i));
    const out = new Uint8ClampedArray(values.length * 4);
    const t = performance.now();
    paintDiverging(values, 1, divergingLut(true), out);
    expect(performance.now() - t).toBeLessThan(200);
  });
});

describe('css helpers', () => {
  it('formats entries and picks a readable text colour', () => {
    const lut = sequentialLut();
    expect(lutCss(lut, 0)).toBe('rgb(68, 1, 84)');
    expect(lutCss(lut, -1)).toBe('rgb(255, 0, 255)');
    expect(darkTextOn(lut, 0)).toBe(false);
    expect(darkTextOn(lut, 255)).toBe(true);
    expect(lutGradient(lut, 3)).toMatch(/^linear-gradient\(to right, rgb\(68, 1, 84\) 0\.0%, /);
  });
});
