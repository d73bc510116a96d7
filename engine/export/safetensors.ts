// safetensors (huggingface/safetensors): an 8-byte little-endian header length N, N bytes of JSON
// header { name: { dtype, shape, data_offsets: [begin, end) }, __metadata__?: { str: str } } padded
// with spaces to a multiple of 8, then the tensor bytes. Offsets are relative to the end of the
// header, cover the byte buffer exactly (no holes, no overlaps) and tensors are written sorted by
// name, as the reference writer does for a single dtype. Only F32 is written or read here.
import { LoomError } from '../errors.ts';
import { sizeOf } from '../tensor.ts';
import type { NamedTensor } from './model.ts';

/** Largest header a reader accepts (the reference implementation's limit). */
export const MAX_SAFETENSORS_HEADER = 100_000_000;

/** What readSafetensors returns: tensors in file order and the string metadata. */
export interface Safetensors {
  tensors: NamedTensor[];
  metadata: Record<string, string>;
}

/** Writes float32 tensors as safetensors bytes; `metadata` goes into __metadata__. */
export function writeSafetensors(
  tensors: readonly NamedTensor[],
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const sorted = [...tensors].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = { ...metadata };
  const names = new Set<string>();
  let offset = 0;
  for (const t of sorted) {
    if (t.name === '__metadata__' || names.has(t.name))
      throw new LoomError(
        'weights/safetensors',
        `tensor name '${t.name}' is reserved or used twice`,
        { param: t.name },
        'Give every layer a unique name.',
      );
    names.add(t.name);
    const end = offset + t.data.length * 4;
    header[t.name] = { dtype: 'F32', shape: [...t.shape], data_offsets: [offset, end] };
    offset = end;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of sorted) {
    for (let i = 0; i < t.data.length; i++, at += 4) view.setFloat32(at, t.data[i], true);
  }
  return out;
}

/** Reads safetensors strictly: bounded header, F32 only, offsets contiguous from 0, no trailing bytes. */
export function readSafetensors(bytes: Uint8Array, file = 'model.safetensors'): Safetensors {
  const fail: (what: string, where?: { offset?: number; array?: string }) => never = (
    what,
    where = {},
  ) => {
    throw new LoomError(
      'weights/safetensors',
      what,
      { file, ...where },
      'The file is damaged or not a float32 safetensors file; export it again.',
    );
  };
  if (bytes.length < 8)
    fail(`the file has ${bytes.length} bytes; a safetensors file needs at least 8`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(MAX_SAFETENSORS_HEADER))
    fail(`the header claims ${n} bytes, more than the ${MAX_SAFETENSORS_HEADER}-byte limit`, {
      offset: 0,
    });
  const headerLen = Number(n);
  if (8 + headerLen > bytes.length)
    fail(`the header claims ${headerLen} bytes but only ${bytes.length - 8} follow`, { offset: 0 });
  let header: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen));
    if (!text.startsWith('{')) fail("the header does not start with '{'", { offset: 8 });
    header = JSON.parse(text);
    const dup = firstDuplicateKey(text);
    if (dup !== null) fail('the name appears twice in the header', { array: dup });
  } catch (e) {
    if (e instanceof LoomError) throw e;
    fail(`the header is not valid UTF-8 JSON (${(e as Error).message})`, { offset: 8 });
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    fail('the header is not a JSON object', { offset: 8 });
  const dataStart = 8 + headerLen;
  const dataLen = bytes.length - dataStart;
  let metadata: Record<string, string> = {};
  const entries: { name: string; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      const m = raw as Record<string, unknown> | null;
      if (
        typeof m !== 'object' ||
        m === null ||
        Array.isArray(m) ||
        !Object.values(m).every((v) => typeof v === 'string')
      )
        fail('__metadata__ must map strings to strings', { array: name });
      metadata = { ...(m as Record<string, string>) };
      continue;
    }
    const t = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | null;
    if (typeof t !== 'object' || t === null) fail('the entry is not an object', { array: name });
    if (t.dtype !== 'F32')
      fail(`dtype ${JSON.stringify(t.dtype)} is not supported; only F32 is`, { array: name });
    const shape = t.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
      fail('shape must be a list of non-negative integers', { array: name });
    const off = t.data_offsets;
    if (
      !Array.isArray(off) ||
      off.length !== 2 ||
      !off.every((d) => Number.isSafeInteger(d) && d >= 0)
    )
      fail('data_offsets must be two non-negative integers [begin, end)', { array: name });
    const [begin, end] = off as [number, number];
    if (end < begin || end > dataLen)
      fail(`data_offsets [${begin}, ${end}) are outside the ${dataLen}-byte data`, { array: name });
    const size = sizeOf(shape as number[]);
    if (end - begin !== size * 4)
      fail(
        `shape [${(shape as number[]).join(', ')}] needs ${size * 4} bytes but data_offsets span ${end - begin}`,
        { array: name },
      );
    entries.push({ name, shape: shape as number[], begin, end });
  }
  const byOffset = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const e of byOffset) {
    if (e.begin !== cursor)
      fail(
        e.begin < cursor
          ? `its bytes overlap the previous tensor (begin ${e.begin} < ${cursor})`
          : `there is a hole of ${e.begin - cursor} bytes before it`,
        { array: e.name, offset: dataStart + e.begin },
      );
    cursor = e.end;
  }
  if (cursor !== dataLen)
    fail(`${dataLen - cursor} bytes after the last tensor belong to no tensor`, {
      offset: dataStart + cursor,
    });
  const tensors = entries.map((e) => {
    const data = new Float32Array((e.end - e.begin) / 4);
    for (let i = 0; i < data.length; i++)
      data[i] = view.getFloat32(dataStart + e.begin + 4 * i, true);
    return { name: e.name, shape: e.shape, data };
  });
  return { tensors, metadata };
}

/** The first top-level key of a (valid) JSON object text that occurs twice, else null. */
function firstDuplicateKey(text: string): string | null {
  // JSON.parse silently keeps the last of duplicate keys, so scan the raw text for them.
  const seen = new Set<string>();
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1) {
        let k = j + 1;
        while (/\s/.test(text[k])) k++;
        if (text[k] === ':') {
          const key = JSON.parse(text.slice(i, j + 1)) as string;
          if (seen.has(key)) return key;
          seen.add(key);
        }
      }
      i = j;
    }
  }
  return null;
}
