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
