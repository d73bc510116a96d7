import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_KEY, clearAutosave, debounce, readAutosave, writeAutosave } from './autosave.ts';

function memory() {
  const m = new Map<string, string>();
  return {
    m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe('autosave record', () => {
  it('round-trips and clears', () => {
    const store = memory();
    const record = { text: '{"schemaVersion":1}\n', fileName: 'a.loom', savedAt: 1234 };
    writeAutosave(store, record);
    expect(readAutosave(store)).toEqual(record);
    clearAutosave(store);
    expect(readAutosave(store)).toBeNull();
  });
  it('ignores records it did not write', () => {
    const store = memory();
    store.setItem(AUTOSAVE_KEY, 'not json');
    expect(readAutosave(store)).toBeNull();
    store.setItem(AUTOSAVE_KEY, JSON.stringify({ text: 5, fileName: 'a', savedAt: 1 }));
    expect(readAutosave(store)).toBeNull();
  });
  it('survives a storage that throws (quota, private mode)', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => writeAutosave(broken, { text: '', fileName: '', savedAt: 0 })).not.toThrow();
    expect(readAutosave(broken)).toBeNull();
    expect(() => clearAutosave(broken)).not.toThrow();
  });
  it('keeps the model without its weights when the record exceeds the quota', () => {
    const store = memory();
    const quota = {
      ...store,
      setItem: (k: string, v: string) => {
        if (v.length > 200) throw new Error('QuotaExceededError');
        store.setItem(k, v);
      },
    };
    const doc = {
      schemaVersion: 1,
      name: 'm',
      weights: { d: { kernel: { shape: [99], base64: 'A'.repeat(400) } } },
      history: { steps: 3 },
    };
    writeAutosave(quota, { text: JSON.stringify(doc), fileName: 'm.loom', savedAt: 5 });
    const back = readAutosave(quota)!;
    expect(back.withoutWeights).toBe(true);
    expect(JSON.parse(back.text)).toEqual({ schemaVersion: 1, name: 'm' });
    // When even that does not fit, an older record is not left behind to be offered later.
    const tiny = {
      ...store,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    writeAutosave(tiny, { text: JSON.stringify(doc), fileName: 'm.loom', savedAt: 6 });
    expect(readAutosave(store)).toBeNull();
  });
});

describe('debounce', () => {
  afterEach(() => vi.useRealTimers());
  it('flushes once, the delay after the last schedule; cancel drops it', () => {
    vi.useFakeTimers();
    const flush = vi.fn();
    const d = debounce(flush, 1000);
    d.schedule();
    vi.advanceTimersByTime(600);
    d.schedule();
    vi.advanceTimersByTime(600);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(400);
    expect(flush).toHaveBeenCalledTimes(1);
    d.schedule();
    d.cancel();
    vi.advanceTimersByTime(2000);
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
