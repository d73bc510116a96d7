// Shared pieces of the fuzz suite: the one property every parser must keep — on any input it
// returns or throws a LoomError, never another exception, and never takes long — plus byte
// mutators that turn a valid file into plausible garbage. Run counts are bounded so the whole
// suite stays well under 20 s on a shared 2-core machine.
import fc from 'fast-check';
import { expect } from 'vitest';
import { isLoomError } from '../errors.ts';

/** Longest one parser call may take on tiny fuzz inputs before it counts as a hang. */
export const MAX_CALL_MS = 2500;

/** fast-check settings: a fixed seed for reproducible runs, and `runs` cases. */
export const settings = (runs: number) => ({ numRuns: runs, seed: 20261123, endOnFailure: true });

/** Tallies of what the parser did, so a test can check both outcomes were exercised. */
export interface Outcomes {
  ok: number;
  loomError: number;
}

export const newOutcomes = (): Outcomes => ({ ok: 0, loomError: 0 });

function judge(e: unknown, ms: number, out: Outcomes, what: string): void {
  if (ms > MAX_CALL_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms (limit ${MAX_CALL_MS})`);
  if (e === undefined) out.ok++;
  else if (isLoomError(e)) out.loomError++;
  else
    throw new Error(
      `${what} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} instead of a LoomError`,
    );
}

/** Runs `f`, failing the property unless it succeeds or throws a LoomError quickly. */
export function onlyLoomErrors(f: () => unknown, out: Outcomes, what = 'the parser'): void {
  const t0 = performance.now();
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e ?? new Error('threw undefined');
  }
  judge(err, performance.now() - t0, out, what);
}

/** Async version of onlyLoomErrors. */
export async function onlyLoomErrorsAsync(
  f: () => Promise<unknown>,
  out: Outcomes,
  what = 'the parser',
): Promise<void> {
  const t0 = performance.now();
  let err: unknown;
  try {
    await f();
  } catch (e) {
    err = e ?? new Error('threw undefined');
  }
  judge(err, performance.now() - t0, out, what);
}

/** One edit of a byte string. */
type Edit =
  | { kind: 'flip'; at: number; bits: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    bits: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    value: fc.constantFrom(0, 0x7f, 0x80, 0xff, 0x30, 0x39, 0x22, 0x7b, 0x2c),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    count: fc.integer({ min: 1, max: 16 }),
  }),
);

function apply(bytes: Uint8Array, e: Edit): Uint8Array {
  if (bytes.length === 0) return e.kind === 'insert' ? e.bytes : bytes;
  const at = e.at % bytes.length;
  switch (e.kind) {
    case 'flip': {
      const out = bytes.slice();
      out[at] ^= e.bits;
      return out;
    }
    case 'set': {
      const out = bytes.slice();
      out[at] = e.value;
      return out;
    }
    case 'truncate':
      return bytes.slice(0, at);
    case 'insert': {
      const out = new Uint8Array(bytes.length + e.bytes.length);
      out.set(bytes.subarray(0, at));
      out.set(e.bytes, at);
      out.set(bytes.subarray(at), at + e.bytes.length);
      return out;
    }
    case 'delete': {
      const count = Math.min(e.count, bytes.length - at);
      const out = new Uint8Array(bytes.length - count);
      out.set(bytes.subarray(0, at));
      out.set(bytes.subarray(at + count), at);
      return out;
    }
  }
}

/** Byte strings made from `valid` by 1 to `maxEdits` random edits. */
export function mutated(valid: Uint8Array, maxEdits = 4): fc.Arbitrary<Uint8Array> {
  return fc
    .array(edit, { minLength: 1, maxLength: maxEdits })
    .map((edits) => edits.reduce(apply, valid));
}

/** Random JSON-ish values that use the keys parsers look for, at any place. */
export function structuredGarbage(keys: readonly string[]): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    fc.constantFrom(...keys, '__proto__', 'constructor', 'prototype'),
    fc.string({ maxLength: 6 }),
  );
  const leaf = fc.oneof(
    fc.constantFrom(null, true, false, 0, -1, 1, 2 ** 31, 1e308, -0, 0.5, '', 'float32', 'relu', [
      null,
      2,
    ]),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 8 }),
  );
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      tie('array'),
      tie('object'),
    ),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  })).value;
}

/** Throws (a plain Error, so the property fails) unless a parsed array's shape and data agree. */
export function consistent<T extends { shape: readonly number[]; data: ArrayLike<number> }>(
  t: T,
): T {
  const ok = t.shape.every((d) => Number.isSafeInteger(d) && d >= 0);
  const size = t.shape.reduce((a, b) => a * b, 1);
  if (!ok || size !== t.data.length)
    throw new Error(
      `inconsistent result: shape [${t.shape.join(', ')}] with ${t.data.length} values`,
    );
  return t;
}

/** Asserts that fuzzing exercised the failure path at least once (the property was not vacuous). */
export function expectSomeErrors(out: Outcomes): void {
  expect(out.loomError).toBeGreaterThan(0);
}
