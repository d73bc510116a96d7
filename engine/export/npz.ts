// NumPy .npz weights: one '<layer>/<weight>.npy' entry per tensor (float32, C order). numpy.load
// strips only the '.npy' suffix, so `np.load(f)['dense1/kernel']` is the Dense kernel; the names
// match the safetensors, JSON and TF.js names.
import { readNpz, writeNpz } from '../data/npz.ts';
import type { TensorData } from '../tensor.ts';
import type { NamedTensor } from './model.ts';

/** Writes tensors as an uncompressed .npz (numpy.savez layout). */
export function writeWeightsNpz(tensors: readonly NamedTensor[]): Uint8Array {
  const arrays: Record<string, TensorData> = {};
  for (const t of tensors) arrays[t.name] = { shape: t.shape, data: t.data };
  return writeNpz(arrays);
}

/** Reads a weights .npz back into named tensors, in archive order. */
export function readWeightsNpz(bytes: Uint8Array, file = 'weights.npz'): NamedTensor[] {
  const ds = readNpz(bytes, file);
  return Object.entries(ds.arrays).map(([name, a]) => ({
    name,
    shape: [...a.shape],
    data: a.data instanceof Float32Array ? a.data : Float32Array.from(a.data),
  }));
}
