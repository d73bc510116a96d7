import { describe, it, expect } from 'vitest';
import { keepThreshold, maskBits, maskStream, maskUniform, murmur3Words } from './hash.ts';

// Expected values: published MurmurHash3_x86_32 vectors, and values from an independent
// implementation (the imurmurhash package) over the same little-endian bytes.
describe('murmur3Words', () => {
  it('matches MurmurHash3_x86_32 on known vectors', () => {
    expect(murmur3Words([0x61616161], 0x9747b28c)).toBe(0x5a97808a); // "aaaa"
    expect(murmur3Words([0], 0)).toBe(0x2362f9de);
    expect(murmur3Words([0x87654321], 0)).toBe(0xf55b516b);
    expect(murmur3Words([], 0)).toBe(0);
    expect(murmur3Words([7, 0], 42)).toBe(0x4d13658b);
    expect(murmur3Words([7, 1], 42)).toBe(0xbc30f841);
    expect(murmur3Words([123456, 99999], 0xdeadbeef)).toBe(0x78229323);
    expect(murmur3Words([0xffffffff, 5], 1)).toBe(0xa1603061);
  });

  it('maskBits(maskStream(seed, step), i) is murmur3 of [step, i]', () => {
    expect(maskBits(maskStream(42, 7), 1)).toBe(0xbc30f841);
    expect(maskBits(maskStream(0xdeadbeef, 123456), 99999)).toBe(0x78229323);
  });
});

describe('mask uniforms', () => {
  it('are in [0, 1) with 24-bit resolution', () => {
    for (let i = 0; i < 1000; i++) {
      const u = maskUniform(5, 9, i);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(Number.isInteger(u * 16777216)).toBe(true);
    }
  });

  it('have mean ≈ 1/2 and are not correlated with the index', () => {
    const n = 100000;
    let s = 0;
    let lag = 0;
    let prev = maskUniform(1, 2, 0);
    for (let i = 1; i < n; i++) {
      const u = maskUniform(1, 2, i);
      s += u;
      lag += (u - 0.5) * (prev - 0.5);
      prev = u;
    }
    expect(Math.abs(s / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(lag / n)).toBeLessThan(0.002); // variance 1/12: correlation < 2.4%
  });

  it('keepThreshold turns u ≥ rate into an integer comparison', () => {
    for (const rate of [0, 0.1, 0.2, 1 / 3, 0.5, 0.999]) {
      const t = keepThreshold(rate);
      for (let k = Math.max(0, t - 2); k <= t + 2; k++) expect(k >= t).toBe(k / 16777216 >= rate);
    }
    expect(keepThreshold(0)).toBe(0);
    expect(keepThreshold(0.5)).toBe(8388608);
  });
});
