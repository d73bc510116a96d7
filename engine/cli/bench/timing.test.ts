import { describe, expect, it } from 'vitest';
import { timeSteps } from './timing.ts';

/** A step that takes `ms(i)` on a fake clock and returns loss i + 1. */
function fake(ms: (i: number) => number) {
  let clock = 0;
  let i = 0;
  return {
    now: () => clock,
    step: () => {
      clock += ms(i);
      return ++i;
    },
    calls: () => i,
  };
}

describe('timeSteps', () => {
  it('excludes warm-up and reports median, min, max and the first timed loss', async () => {
    const f = fake((i) => (i < 2 ? 100 : i % 2 ? 3 : 5));
    const m = await timeSteps('e', 'w', f.step, { warmup: 2, minSteps: 5, now: f.now });
    expect(m).toEqual({
      engine: 'e',
      workload: 'w',
      median: 5, // timed steps take 5, 3, 5, 3, 5
      min: 3,
      max: 5,
      steps: 5,
      warmup: 2,
      reduced: false,
      first: 3,
    });
    expect(f.calls()).toBe(7);
  });

  it('times fewer steps only when the minimum would exceed the cap, and says so', async () => {
    const f = fake(() => 5_000);
    const m = await timeSteps('e', 'w', f.step, {
      warmup: 1,
      minSteps: 30,
      capMs: 60_000,
      now: f.now,
    });
    expect(m).toMatchObject({ steps: 12, reduced: true });
    const g = fake(() => 2_000);
    expect(await timeSteps('e', 'w', g.step, { warmup: 1, now: g.now })).toMatchObject({
      steps: 30,
      reduced: false,
    });
  });

  it('stops warming up at the warm-up cap and runs more steps for fast pairs', async () => {
    const slow = fake(() => 6_000);
    const m = await timeSteps('e', 'w', slow.step, { warmup: 5, minSteps: 3, now: slow.now });
    expect(m.warmup).toBe(2);
    const quick = fake(() => 0.5);
    const q = await timeSteps('e', 'w', quick.step, {
      warmup: 1,
      minSteps: 30,
      targetMs: 200,
      maxSteps: 300,
      now: quick.now,
    });
    expect(q.steps).toBe(300);
  });

  it('fails on a non-finite loss', async () => {
    await expect(timeSteps('e', 'w', () => NaN, { warmup: 1 })).rejects.toThrow(
      'e on w: non-finite loss NaN',
    );
  });
});
