// The gradient-norm chart's columns from sampled statistics: one series per parameter key, the
// x axis is the step. Only the latest run of ascending steps is used, so a reset that restarts the
// step counter never draws a line back in time.
import type { StatsSample } from '../../../../engine/worker/protocol.ts';
import { drawable, type Columns } from './decimate.ts';

/** The samples from the last time the step counter went backwards (or all of them). */
export function ascendingTail(samples: StatsSample[]): StatsSample[] {
  let start = 0;
  for (let i = 1; i < samples.length; i++) if (samples[i].step <= samples[i - 1].step) start = i;
  return start ? samples.slice(start) : samples;
}

/** Parameter keys and their gradient-norm columns (null where a key has no sample or on log ≤ 0). */
export function gradNormColumns(
  samples: StatsSample[],
  log: boolean,
): { keys: string[]; columns: Columns } {
  const tail = ascendingTail(samples);
  const keys: string[] = [];
  for (const s of tail) for (const k of Object.keys(s.params)) if (!keys.includes(k)) keys.push(k);
  return {
    keys,
    columns: {
      x: tail.map((s) => s.step),
      ys: keys.map((k) =>
        tail.map((s) => {
          const p = s.params[k];
          return p ? drawable(p.grad.norm, log) : null;
        }),
      ),
    },
  };
}
