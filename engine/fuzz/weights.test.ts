// Weight files — the safetensors, NumPy and JSON weights readers and importWeights on top of them —
// on arbitrary bytes, mutated valid files and structured headers: only success or a LoomError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../document/parse.ts';
import { readWeightsJson, writeWeightsJson } from '../export/json.ts';
import { writeWeightsNpz } from '../export/npz.ts';
import { readSafetensors, writeSafetensors } from '../export/safetensors.ts';
import { importWeights } from '../import/weights.ts';
import {
  consistent,
  expectSomeErrors,
  mutated,
  newOutcomes,
  onlyLoomErrors,
  settings,
  structuredGarbage,
} from './harness.ts';

const project = parseProject({
  schemaVersion: 1,
  nodes: [
    { id: 'x', type: 'Input', name: 'x', params: { shape: [2] } },
    { id: 'd', type: 'Dense', name: 'd', params: { units: 2 } },
  ],
  edges: [{ id: 'e', source: { node: 'x', port: 'out' }, target: { node: 'd', port: 'in' } }],
});

const tensors = fc
  .array(
    fc
      .record({
        name: fc.constantFrom('d/kernel', 'd/bias', 'x/kernel', 'a', '__proto__', 'constructor'),
        shape: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
      })
      .map((t) => ({
        ...t,
        data: Float32Array.from({ length: t.shape.reduce((a, b) => a * b, 1) }, (_, i) => i / 3),
      })),
    { maxLength: 3 },
  )
  .map((ts) => ts.filter((t, i) => ts.findIndex((u) => u.name === t.name) === i));

const valid = [
  { name: 'd/kernel', shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) },
  { name: 'd/bias', shape: [2], data: Float32Array.from([5, 6]) },
];

/** safetensors bytes with `header` (any JSON text) and `data`. */
function stWith(header: string, data: Uint8Array): Uint8Array {
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

describe('fuzz: safetensors', () => {
  it('arbitrary bytes and mutated valid files', () => {
    const out = newOutcomes();
    const files = fc.oneof(
      fc.uint8Array({ maxLength: 100 }),
      tensors.chain((ts) => mutated(writeSafetensors(ts, { k: 'v' }))),
    );
    fc.assert(
      fc.property(files, (b) => {
        onlyLoomErrors(() => readSafetensors(b).tensors.forEach(consistent), out);
        onlyLoomErrors(() => importWeights(project, b, 'w.safetensors'), out);
      }),
      settings(400),
    );
    expectSomeErrors(out);
  });

  it('structured headers', () => {
    const out = newOutcomes();
    const entry = fc.record(
      {
        dtype: fc.constantFrom('F32', 'F64', 'BF16', 'I8', 3),
        shape: fc.oneof(
          fc.array(fc.oneof(fc.nat(4), fc.constantFrom(2 ** 53, 1e15, -1, 0.5)), { maxLength: 3 }),
          structuredGarbage([]),
        ),
        data_offsets: fc.oneof(
          fc.tuple(fc.nat(40), fc.nat(40)),
          fc.constant([0, 2 ** 60]),
          structuredGarbage([]),
        ),
      },
      { requiredKeys: [] },
    );
    const header = fc.dictionary(
      fc.constantFrom('d/kernel', 'd/bias', '__metadata__', '__proto__', 'constructor', 'z'),
      fc.oneof(entry, structuredGarbage(['dtype', 'shape', 'data_offsets'])),
      { maxKeys: 4 },
    );
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 40 }), (h, data) => {
        const b = stWith(JSON.stringify(h), data);
        onlyLoomErrors(() => readSafetensors(b).tensors.forEach(consistent), out);
        onlyLoomErrors(() => importWeights(project, b, 'w.safetensors'), out);
      }),
      settings(400),
    );
    expectSomeErrors(out);
    expect(({} as Record<string, unknown>).dtype).toBeUndefined();
  });

  it('refuses a header length of 2^63 and a tensor spanning 2^52 bytes without allocating', () => {
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 2n ** 63n, true);
    expect(() => readSafetensors(huge)).toThrow(/limit/);
    const big = stWith(
      JSON.stringify({ t: { dtype: 'F32', shape: [2 ** 50], data_offsets: [0, 2 ** 52] } }),
      new Uint8Array(8),
    );
    expect(() => readSafetensors(big)).toThrow(/outside/);
  });
});

describe('fuzz: NumPy and JSON weights', () => {
  it('mutated valid .npz and .json weights through importWeights', () => {
    const out = newOutcomes();
    const files = fc.oneof(
      fc.tuple(fc.constant('w.npz'), mutated(writeWeightsNpz(valid), 3)),
      fc.tuple(fc.constant('w.json'), mutated(writeWeightsJson(valid), 3)),
    );
    fc.assert(
      fc.property(files, ([name, b]) => onlyLoomErrors(() => importWeights(project, b, name), out)),
      settings(300),
    );
    expectSomeErrors(out);
  });

  it('structured JSON weights documents', () => {
    const out = newOutcomes();
    const doc = fc.record({
      format: fc.constantFrom('layerloom-weights', 'x'),
      version: fc.constantFrom(1, 2, '1'),
      tensors: fc.oneof(
        fc.array(structuredGarbage(['name', 'shape', 'dtype', 'values', 'float32', 'd/kernel']), {
          maxLength: 3,
        }),
        structuredGarbage([]),
      ),
    });
    fc.assert(
      fc.property(doc, (d) => {
        const b = new TextEncoder().encode(JSON.stringify(d));
        onlyLoomErrors(() => readWeightsJson(b).forEach(consistent), out);
        onlyLoomErrors(() => importWeights(project, b, 'w.json'), out);
      }),
      settings(400),
    );
    expectSomeErrors(out);
  });
});
