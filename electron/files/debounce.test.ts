import { describe, expect, it } from 'vitest';
import { debounce, type Timers } from './debounce.ts';

/** A manual clock: `advance` fires due timers in time order. */
function manualTimers() {
  let now = 0;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => {
      due.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clear: (id) => void due.delete(id as number),
    now: () => now,
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      due.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = end;
  };
  return { timers, advance, now: () => now };
}

describe('debounce', () => {
  it('delivers the latest value once, delay ms after the last push', () => {
    const t = manualTimers();
    const got: Array<[number, string]> = [];
    const d = debounce<string>((v) => got.push([t.now(), v]), 1000, 2000, t.timers);
    d.push('a');
    t.advance(500);
    d.push('b');
    t.advance(999);
    expect(got).toEqual([]);
    t.advance(1);
    expect(got).toEqual([[1500, 'b']]);
    t.advance(5000);
    expect(got.length).toBe(1);
  });

  it('writes within maxWait even while pushes keep coming', () => {
    const t = manualTimers();
    const got: number[] = [];
    const d = debounce<number>(() => got.push(t.now()), 1000, 2000, t.timers);
    for (let ms = 0; ms <= 5000; ms += 300) {
      d.push(ms);
      t.advance(300);
    }
    // Never more than 2 s between the first unsaved edit and its backup.
    expect(got.length).toBeGreaterThanOrEqual(2);
    expect(got[0]).toBe(2000);
    for (let i = 1; i < got.length; i++) expect(got[i]! - got[i - 1]!).toBeLessThanOrEqual(2100);
  });

  it('flush delivers now; cancel drops the pending value', () => {
    const t = manualTimers();
    const got: string[] = [];
    const d = debounce<string>((v) => got.push(v), 1000, 2000, t.timers);
    d.push('x');
    expect(d.pending).toBe(true);
    d.flush();
    expect(got).toEqual(['x']);
    d.push('y');
    d.cancel();
    t.advance(3000);
    expect(got).toEqual(['x']);
    expect(d.pending).toBe(false);
  });
});
