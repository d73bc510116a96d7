import { describe, expect, it } from 'vitest';
import { imageLayout, toPixels } from './imageLayout.ts';

describe('imageLayout', () => {
  it('takes the first candidate shape that is [h, w] or [h, w, c] of the right size', () => {
    expect(imageLayout(784, [[784], [28, 28]])).toEqual({ height: 28, width: 28, channels: 1 });
    expect(imageLayout(96, [null, [4, 8, 3]])).toEqual({ height: 4, width: 8, channels: 3 });
    expect(imageLayout(12, [[3, 4]])).toEqual({ height: 3, width: 4, channels: 1 });
  });

  it('ignores shapes of the wrong size, rank, channel count or with unknown dims', () => {
    expect(imageLayout(50, [[5, 5]])).toBeNull();
    expect(imageLayout(10, [[10, 1]])).toBeNull();
    expect(imageLayout(50, [[5, 2, 5]])).toBeNull(); // 5 channels
    expect(imageLayout(24, [[2, 2, 2, 3]])).toBeNull();
    expect(imageLayout(16, [[null, 4]])).toBeNull();
  });

  it('falls back to 28×28 for 784, a square, or three squares', () => {
    expect(imageLayout(784)).toEqual({ height: 28, width: 28, channels: 1 });
    expect(imageLayout(64)).toEqual({ height: 8, width: 8, channels: 1 });
    expect(imageLayout(3072)).toEqual({ height: 32, width: 32, channels: 3 });
  });

  it('leaves tabular widths alone', () => {
    expect(imageLayout(1)).toBeNull();
    expect(imageLayout(2)).toBeNull();
    expect(imageLayout(16)).toBeNull(); // 4×4 is more likely 16 features
    expect(imageLayout(100 + 1)).toBeNull();
  });
});

describe('toPixels', () => {
  it('stretches a grey image from its min..max to 0..255, opaque', () => {
    const px = toPixels([9, 0, 0.5, 1, 0.25], 1, { height: 2, width: 2, channels: 1 });
    expect([...px]).toEqual([
      0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 64, 64, 64, 255,
    ]);
  });

  it('draws RGB from three channels and ignores a fourth', () => {
    const px = toPixels([0, 10, 5, 99, 10, 0, 0, -99], 0, { height: 1, width: 2, channels: 4 });
    expect([...px]).toEqual([0, 255, 128, 255, 255, 0, 0, 255]);
  });

  it('draws a constant image and non-finite values black', () => {
    expect([...toPixels([3, 3], 0, { height: 1, width: 2, channels: 1 })]).toEqual([
      0, 0, 0, 255, 0, 0, 0, 255,
    ]);
    const px = toPixels([NaN, 0, 2], 0, { height: 1, width: 3, channels: 1 });
    expect([...px.filter((_, i) => i % 4 === 0)]).toEqual([0, 0, 255]);
  });
});
