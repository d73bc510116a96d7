import { describe, expect, it } from 'vitest';
import { ProjectSchema } from '../../../engine/document/schema.ts';
import { TrainingHistory } from './history.ts';
import { historyFromDoc, historyToDoc } from './historyDoc.ts';

describe('training history in the document', () => {
  it('round-trips steps, series and epoch logs through JSON and the schema', () => {
    const h = new TrainingHistory();
    h.append(1, { loss: [3, 2.5], mae: [1, 0.9] });
    h.append(3, { loss: [2] });
    h.addEpoch({ epoch: 0, logs: { loss: 2.4, val_loss: 2.6, bad: NaN } });
    const docForm = historyToDoc(h, 3);
    const project = ProjectSchema.parse(
      JSON.parse(JSON.stringify({ schemaVersion: 1, history: docForm })),
    );
    const back = historyFromDoc(project.history);
    const { x, series } = back.steps();
    expect(Array.from(x)).toEqual([1, 2, 3]);
    expect(Array.from(series.loss)).toEqual([3, 2.5, 2]);
    expect(Array.from(series.mae).slice(0, 2)).toEqual([1, Math.fround(0.9)]);
    expect(series.mae[2]).toBeNaN();
    expect(back.epochs).toEqual([{ epoch: 0, logs: { loss: 2.4, val_loss: 2.6 } }]);
  });

  it('keeps step numbers right when a series is shorter or broken', () => {
    const back = historyFromDoc({
      steps: 10,
      series: { loss: historyToDoc(withLoss([5, 4]), 2).series.loss, junk: '!!!' },
      stride: 1,
      epochs: [],
    });
    expect(Array.from(back.steps().x)).toEqual([9, 10]);
    expect(back.names()).toEqual(['loss']);
    expect(historyFromDoc(undefined).length).toBe(0);
  });
});

function withLoss(values: number[]): TrainingHistory {
  const h = new TrainingHistory();
  h.append(1, { loss: values });
  return h;
}

describe('long histories', () => {
  it('are saved as block means ending at the last step, and reopen at the right steps', () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1); // steps 1…10, loss = step
    const d = historyToDoc(withLoss(values), 10, 4); // stride 3: blocks [1], [2-4], [5-7], [8-10]
    expect(d.stride).toBe(3);
    const back = historyFromDoc(d);
    expect(Array.from(back.steps().x)).toEqual([1, 4, 7, 10]);
    expect(Array.from(back.steps().series.loss)).toEqual([1, 3, 6, 9]);
    // Training continues after the reopened points, and saving again keeps them in place.
    back.append(11, { loss: [11] });
    expect(Array.from(back.steps().x)).toEqual([1, 4, 7, 10, 11]);
    const again = historyFromDoc(historyToDoc(back, 11, 100));
    expect(Array.from(again.steps().x)).toEqual([1, 4, 7, 10, 11]);
    expect(Array.from(again.steps().series.loss)).toEqual([1, 3, 6, 9, 11]);
  });

  it('keeps at most the configured number of points', () => {
    const values = Array.from({ length: 100_001 }, (_, i) => i);
    const d = historyToDoc(withLoss(values), 100_001);
    expect(historyFromDoc(d).length).toBeLessThanOrEqual(20_000);
    expect(historyFromDoc(d).lastStep).toBe(100_001);
  });
});
