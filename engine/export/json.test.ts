import { describe, expect, it } from 'vitest';
import { isLoomError } from '../errors.ts';
import { readWeightsJson, writeWeightsJson } from './json.ts';
import type { NamedTensor } from './model.ts';

const tensors: NamedTensor[] = [
  { name: 'dense1/kernel', shape: [2, 1], data: new Float32Array([0.1, -2.5e-8]) },
  { name: 'dense1/bias', shape: [1], data: new Float32Array([Math.fround(1 / 3)]) },
];

const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isLoomError(e) ? `${e.code} ${e.message}` : String(e);
  }
  return 'ok';
};

describe('JSON weights', () => {
  it('writes the documented structure', () => {
    const doc = JSON.parse(new TextDecoder().decode(writeWeightsJson(tensors))) as object;
    expect(doc).toEqual({
      format: 'layerloom-weights',
      version: 1,
      tensors: [
        {
          name: 'dense1/kernel',
          shape: [2, 1],
          dtype: 'float32',
          values: [0.1, -2.5e-8].map(Math.fround),
        },
        { name: 'dense1/bias', shape: [1], dtype: 'float32', values: [Math.fround(1 / 3)] },
      ],
    });
  });

  it('round-trips float32 values bit for bit', () => {
    const random = new Float32Array(1000);
    for (let i = 0; i < random.length; i++) random[i] = (Math.sin(i * 12.9898) * 43758.5453) % 7;
    const all = [...tensors, { name: 'r', shape: [10, 100], data: random }];
    const back = readWeightsJson(writeWeightsJson(all));
    back.forEach((t, i) => {
      expect(t.name).toBe(all[i].name);
      expect(t.shape).toEqual(all[i].shape);
      expect(new Uint32Array(t.data.buffer)).toEqual(new Uint32Array(all[i].data.slice().buffer));
    });
  });

  it('refuses NaN and infinities, which JSON cannot hold', () => {
    const bad = [{ name: 'x', shape: [1], data: new Float32Array([NaN]) }];
    expect(codeOf(() => writeWeightsJson(bad))).toMatch(/^weights\/json .*'x'.*NaN/);
  });

  it('reads strictly, naming the bad tensor', () => {
    const t = { name: 'a', shape: [2], dtype: 'float32', values: [1, 2] };
    const doc = (tensors: unknown[]) => ({ format: 'layerloom-weights', version: 1, tensors });
    expect(codeOf(() => readWeightsJson(enc({ format: 'x' })))).toMatch(/not a Layerloom weights/);
    expect(codeOf(() => readWeightsJson(enc({ ...doc([]), version: 2 })))).toMatch(/version 2/);
    expect(codeOf(() => readWeightsJson(enc(doc([{ ...t, values: [1] }]))))).toMatch(
      /'a' needs 2 values.*tensors\[0\]/,
    );
    expect(codeOf(() => readWeightsJson(enc(doc([t, t]))))).toMatch(/appears twice.*tensors\[1\]/);
    expect(codeOf(() => readWeightsJson(enc(doc([{ ...t, dtype: 'int8' }]))))).toMatch(/dtype/);
    expect(codeOf(() => readWeightsJson(new TextEncoder().encode('{')))).toMatch(/not valid JSON/);
  });
});
