import { describe, expect, it } from 'vitest';
import { formatDelta, formatPercent, formatShape, formatTick, formatValue } from './format.ts';

describe('formatValue', () => {
  it('shows four significant digits, scientific outside the comfortable range', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(-12.3456)).toBe('-12.35');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(1.5e-5)).toBe('1.50e-5');
    expect(formatValue(123456)).toBe('1.23e+5');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('-∞');
  });
});

describe('formatDelta and formatPercent', () => {
  it('sign changes explicitly', () => {
    expect(formatDelta(0.5)).toBe('+0.5000');
    expect(formatDelta(-0.5)).toBe('-0.5000');
    expect(formatDelta(0)).toBe('0');
    expect(formatPercent(-0.0321)).toBe('-3.2%');
    expect(formatPercent(0.5)).toBe('+50%');
    expect(formatPercent(0.001)).toBe('+0.10%');
    expect(formatPercent(NaN)).toBe('');
  });
});

describe('formatShape', () => {
  it('joins dimensions', () => {
    expect(formatShape([784, 512])).toBe('784×512');
    expect(formatShape([])).toBe('scalar');
  });
});

describe('formatTick', () => {
  it('keeps ticks short, with exponents for tiny and huge values', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(0.5)).toBe('0.5');
    expect(formatTick(250)).toBe('250');
    expect(formatTick(0.001)).toBe('0.001');
    expect(formatTick(1e-5)).toBe('1e-5');
    expect(formatTick(2.5e-7)).toBe('2.5e-7');
    expect(formatTick(3e6)).toBe('3e+6');
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
  });
});
