import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoomError } from '../errors.ts';
import type { NamedTensor } from './model.ts';
import { MAX_SAFETENSORS_HEADER, readSafetensors, writeSafetensors } from './safetensors.ts';

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

const tensors: NamedTensor[] = [
  { name: 'dense1/kernel', shape: [2, 1], data: new Float32Array([0.5, -1.25]) },
  { name: 'dense1/bias', shape: [1], data: new Float32Array([3]) },
  { name: 'concat_out/kernel', shape: [3, 2], data: new Float32Array([1, 2, 3, 4, 5, 6]) },
];

/** A safetensors file from a header object and a data byte count (for malformed cases). */
function rawFile(header: unknown, dataBytes: number, headerText?: string): Uint8Array {
  const json = new TextEncoder().encode(headerText ?? JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isLoomError(e)) return `${e.code}: ${e.what}`;
    throw e;
  }
  return 'no error';
}

describe('writeSafetensors', () => {
  it('lays out one tensor exactly as the spec says', () => {
    const bytes = writeSafetensors([{ name: 'w', shape: [1], data: new Float32Array([1]) }]);
    const header = '{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}';
    const padded = header + ' '.repeat((8 - (header.length % 8)) % 8);
    const view = new DataView(bytes.buffer);
    expect(Number(view.getBigUint64(0, true))).toBe(padded.length);
    expect(new TextDecoder().decode(bytes.subarray(8, 8 + padded.length))).toBe(padded);
    expect(bytes.length).toBe(8 + padded.length + 4);
    expect(view.getFloat32(8 + padded.length, true)).toBe(1);
  });

  it('sorts tensors by name, packs offsets from 0, pads the header to 8 and keeps metadata', () => {
    const bytes = writeSafetensors(tensors, { format: 'layerloom', producer: 'Layerloom' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<
      string,
      { data_offsets: number[] }
    >;
    expect(Object.keys(header)).toEqual([
      '__metadata__',
      'concat_out/kernel',
      'dense1/bias',
      'dense1/kernel',
    ]);
    expect(header['concat_out/kernel'].data_offsets).toEqual([0, 24]);
    expect(header['dense1/bias'].data_offsets).toEqual([24, 28]);
    expect(header['dense1/kernel'].data_offsets).toEqual([28, 36]);
    expect(bytes.length).toBe(8 + n + 36);
  });

  it('round-trips bit for bit, NaN payloads and −0 included', () => {
    const odd = new Float32Array(4);
    new Uint32Array(odd.buffer).set([0x7fc01234, 0x80000000, 0x00000001, 0xff800000]);
    const all = [...tensors, { name: 'odd', shape: [2, 2], data: odd }];
    const back = readSafetensors(writeSafetensors(all, { k: 'v' }));
    expect(back.metadata).toEqual({ k: 'v' });
    for (const t of all) {
      const b = back.tensors.find((x) => x.name === t.name)!;
      expect(b.shape).toEqual(t.shape);
      expect(new Uint32Array(b.data.buffer)).toEqual(new Uint32Array(t.data.slice().buffer));
    }
  });

  it.skipIf(!hasNumpy)('is read by a NumPy reader that follows the safetensors spec', () => {
    const dir = mkdtempSync(join(tmpdir(), 'st-'));
    const file = join(dir, 'w.safetensors');
    writeFileSync(file, writeSafetensors(tensors, { format: 'layerloom' }));
    const script = `
import json, struct, sys, numpy as np
b = open(sys.argv[1], "rb").read()
(n,) = struct.unpack("<Q", b[:8])
h = json.loads(b[8:8 + n])
meta = h.pop("__metadata__", {})
data = b[8 + n:]
out = {}
for k, v in h.items():
    s, e = v["data_offsets"]
    assert v["dtype"] == "F32"
    out[k] = np.frombuffer(data[s:e], dtype="<f4").reshape(v["shape"]).tolist()
print(json.dumps({"meta": meta, "tensors": out}))
`;
    const r = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const parsed = JSON.parse(r.stdout) as { meta: object; tensors: Record<string, unknown> };
    expect(parsed.meta).toEqual({ format: 'layerloom' });
    expect(parsed.tensors['dense1/kernel']).toEqual([[0.5], [-1.25]]);
    expect(parsed.tensors['dense1/bias']).toEqual([3]);
    expect(parsed.tensors['concat_out/kernel']).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });
});

describe('readSafetensors is strict', () => {
  const entry = (begin: number, end: number, shape = [1]) => ({
    dtype: 'F32',
    shape,
    data_offsets: [begin, end],
  });

  it('rejects truncated and oversized headers', () => {
    expect(code(() => readSafetensors(new Uint8Array(5)))).toMatch(
      /^weights\/safetensors: .*at least 8/,
    );
    const big = new Uint8Array(16);
    new DataView(big.buffer).setBigUint64(0, BigInt(MAX_SAFETENSORS_HEADER + 1), true);
    expect(code(() => readSafetensors(big))).toMatch(/limit/);
    const short = new Uint8Array(16);
    new DataView(short.buffer).setBigUint64(0, 100n, true);
    expect(code(() => readSafetensors(short))).toMatch(/only 8 follow/);
  });

  it('rejects a header that is not a JSON object', () => {
    expect(code(() => readSafetensors(rawFile(null, 0, '[1, 2]   ')))).toMatch(/start with/);
    expect(code(() => readSafetensors(rawFile(null, 0, '{"a": ')))).toMatch(/not valid UTF-8 JSON/);
  });

  it('rejects holes, overlaps, out-of-bounds offsets and trailing bytes', () => {
    expect(code(() => readSafetensors(rawFile({ a: entry(4, 8) }, 8)))).toMatch(/hole of 4 bytes/);
    expect(code(() => readSafetensors(rawFile({ a: entry(0, 4), b: entry(0, 4) }, 4)))).toMatch(
      /overlap/,
    );
    expect(code(() => readSafetensors(rawFile({ a: entry(0, 4) }, 2)))).toMatch(/outside/);
    expect(code(() => readSafetensors(rawFile({ a: entry(0, 4) }, 8)))).toMatch(
      /4 bytes after the last tensor/,
    );
  });

  it('rejects a size that does not match the shape, other dtypes and bad metadata', () => {
    expect(code(() => readSafetensors(rawFile({ a: entry(0, 4, [2]) }, 4)))).toMatch(
      /needs 8 bytes but data_offsets span 4/,
    );
    expect(
      code(() => readSafetensors(rawFile({ a: { ...entry(0, 4), dtype: 'F16' } }, 4))),
    ).toMatch(/F16.*not supported/);
    expect(code(() => readSafetensors(rawFile({ __metadata__: { n: 1 } }, 0)))).toMatch(
      /strings to strings/,
    );
  });

  it('rejects duplicate names that JSON.parse would silently merge', () => {
    const text =
      '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}';
    expect(code(() => readSafetensors(rawFile(null, 4, text)))).toMatch(/appears twice/);
  });

  it('names the file and the tensor in the message', () => {
    try {
      readSafetensors(rawFile({ kernel: entry(0, 4, [3]) }, 4), 'm.safetensors');
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain('file m.safetensors');
      expect((e as Error).message).toContain("array 'kernel'");
    }
  });
});
