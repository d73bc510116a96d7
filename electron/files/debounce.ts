// A trailing debounce with a maximum wait, for crash-recovery backups: a burst of edits writes once
// `delayMs` after the last edit, and continuous editing still writes at least every `maxWaitMs`.

/** setTimeout/clearTimeout, injectable so tests control time. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(id: unknown): void;
  now(): number;
}

/** The real clock. */
export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** A debounced sink: push values; the latest one is delivered when the timer fires or on flush. */
export interface Debounced<T> {
  push(value: T): void;
  /** Delivers the pending value now, if any. */
  flush(): void;
  /** Drops the pending value. */
  cancel(): void;
  readonly pending: boolean;
}

/** Creates a debounced sink calling `deliver` with the latest value. */
export function debounce<T>(
  deliver: (value: T) => void,
  delayMs: number,
  maxWaitMs: number,
  timers: Timers = realTimers,
): Debounced<T> {
  let latest: { value: T } | null = null;
  let firstPushAt = 0;
  let timer: unknown = null;
  const stop = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };
  const fire = () => {
    stop();
    if (latest === null) return;
    const { value } = latest;
    latest = null;
    deliver(value);
  };
  return {
    push(value) {
      const now = timers.now();
      if (latest === null) firstPushAt = now;
      latest = { value };
      stop();
      const wait = Math.max(0, Math.min(delayMs, firstPushAt + maxWaitMs - now));
      timer = timers.set(fire, wait);
    },
    flush: fire,
    cancel() {
      stop();
      latest = null;
    },
    get pending() {
      return latest !== null;
    },
  };
}
