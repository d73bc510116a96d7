import { describe, expect, it } from 'vitest';
import { clipByGlobalNorm, clipByNorm, globalNorm } from './clip.ts';

describe('clipByNorm', () => {
  it('scales a gradient longer than clipnorm to length clipnorm', () => {
    // ‖[3, 4]‖ = 5 → [3, 4]·1/5.
    const out = clipByNorm(Float32Array.of(3, 4), 1);
    expect(out[0]).toBeCloseTo(0.6, 7);
    expect(out[1]).toBeCloseTo(0.8, 7);
  });

  it('leaves a shorter gradient unchanged and does not modify its input', () => {
    const g = Float32Array.of(0.3, -0.4);
    const out = clipByNorm(g, 2);
    expect(Array.from(out)).toEqual(Array.from(g));
    expect(out).not.toBe(g);
  });

  it('keeps zeros at zero', () => {
    expect(Array.from(clipByNorm(new Float32Array(3), 1))).toEqual([0, 0, 0]);
  });
});

describe('clipByGlobalNorm', () => {
  it('scales all tensors by clipnorm / global norm', () => {
    // Global norm of [3] and [4] is 5; clipnorm 2.5 halves both.
    const a = Float32Array.of(3);
    const b = Float32Array.of(4);
    expect(globalNorm([a, b])).toBe(5);
    const [ca, cb] = clipByGlobalNorm([a, b], 2.5);
    expect(ca[0]).toBeCloseTo(1.5, 6);
    expect(cb[0]).toBeCloseTo(2, 6);
  });

  it('leaves small gradients alone and turns a non-finite norm into NaN', () => {
    const [x] = clipByGlobalNorm([Float32Array.of(0.1, 0.2)], 10);
    expect(x[0]).toBeCloseTo(0.1, 7);
    const [y] = clipByGlobalNorm([Float32Array.of(Infinity, 1)], 1);
    expect(Number.isNaN(y[1])).toBe(true);
  });
});
