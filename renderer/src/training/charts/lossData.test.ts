import { describe, expect, it } from 'vitest';
import { TrainingHistory } from '../history.ts';
import { Decimator } from './decimate.ts';
import { isLoss, lossFrame, lossSeries, seriesSignature } from './lossData.ts';

describe('lossSeries', () => {
  it('puts losses first and each val_ series after its training twin, same colour', () => {
    const s = lossSeries(['accuracy', 'loss', 'val_loss', 'val_accuracy', 'out_loss']);
    expect(s.map((x) => x.name)).toEqual([
      'loss',
      'val_loss',
      'out_loss',
      'accuracy',
      'val_accuracy',
    ]);
    expect(s.map((x) => x.scale)).toEqual(['loss', 'loss', 'loss', 'metric', 'metric']);
    expect(s[1]).toMatchObject({ validation: true, color: s[0].color });
    expect(s[4].color).toBe(s[3].color);
    expect(s[2].color).not.toBe(s[0].color);
  });

  it('keeps a val_ series whose training twin is missing', () => {
    expect(lossSeries(['val_mae']).map((x) => [x.name, x.validation])).toEqual([['val_mae', true]]);
  });

  it('recognises per-output losses', () => {
    expect(isLoss('dense_2_loss')).toBe(true);
    expect(isLoss('val_loss')).toBe(true);
    expect(isLoss('mae')).toBe(false);
  });
});

describe('lossFrame', () => {
  it('is null until there is something to draw', () => {
    const h = new TrainingHistory();
    expect(lossFrame(h, 'step', false, 100)).toBeNull();
    h.append(1, { loss: [1] });
    expect(lossFrame(h, 'epoch', false, 100)).toBeNull();
  });

  it('draws every step when they fit, and decimates beyond', () => {
    const h = new TrainingHistory();
    const n = 5000;
    h.append(1, {
      loss: Float32Array.from({ length: n }, (_, i) => 1 / (i + 1)),
      accuracy: Float32Array.from({ length: n }, () => 0.5),
    });
    const all = lossFrame(h, 'step', false, 10_000)!;
    expect(all.columns.x.length).toBe(n);
    expect(all.series.map((s) => s.name)).toEqual(['loss', 'accuracy']);
    const few = lossFrame(h, 'step', true, 200)!;
    expect(few.columns.x.length).toBe(200);
    expect(few.columns.ys[0][0]).toBe(1);
    const cached = lossFrame(h, 'step', true, 40, new Decimator(true))!;
    expect(cached.columns.x.length).toBeLessThanOrEqual(40);
    expect(cached.columns.ys[0][0]).toBe(1);
  });

  it('uses epoch logs with validation in epoch mode', () => {
    const h = new TrainingHistory();
    h.addEpoch({ epoch: 0, logs: { loss: 0.9, val_loss: 1.1 } });
    h.addEpoch({ epoch: 1, logs: { loss: 0.5, val_loss: 0.7 } });
    const f = lossFrame(h, 'epoch', false, 100)!;
    expect(f.columns.x).toEqual([1, 2]);
    expect(f.columns.ys).toEqual([
      [0.9, 0.5],
      [1.1, 0.7],
    ]);
    expect(seriesSignature(f.series)).toBe('loss|val_loss');
  });
});
