// Benchmark workloads with identical, seeded data: the MNIST MLP step (784→512→10, batch 128,
// Adam) and the two-tower step (batch 10, Adam 0.01). Shared by the Node and browser benchmarks.
import { builtinDatasets } from '../../data/builtin.ts';
import type { Project } from '../../document/schema.ts';
import type { BoundData } from '../../session/bind.ts';
import { Rng } from '../../random/rng.ts';

/** A named workload: a project and bound data for it. */
export interface Workload {
  name: string;
  doc: Project;
  data: BoundData;
}

/** The MLP workload from the mnist-mlp example, switched to Adam, on seeded random data. */
export function mlpWorkload(example: Project, batch = 128): Workload {
  const doc: Project = {
    ...example,
    training: {
      ...example.training,
      optimizer: { type: 'adam', params: {} },
      batchSize: batch,
      shuffle: false,
    },
  };
  const rng = new Rng(1234);
  const x = new Float32Array(batch * 784);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  const y = new Float32Array(batch);
  for (let i = 0; i < batch; i++) y[i] = rng.int(10);
  return {
    name: WORKLOAD_NAMES.mlp,
    doc,
    data: {
      n: batch,
      inputs: new Map([['input_layer', { data: x, width: 784 }]]),
      targets: new Map([['dense_1', { data: y, width: 1 }]]),
    },
  };
}

/** The two-tower example on its sample data (batch 10, Adam 0.01). */
export function twoTowerWorkload(example: Project): Workload {
  const ds = builtinDatasets['two-tower-sample'];
  return {
    name: WORKLOAD_NAMES.twoTower,
    doc: { ...example, training: { ...example.training, batchSize: 10, shuffle: false } },
    data: {
      n: 10,
      inputs: new Map([['input', { data: ds.arrays.x.data, width: 2 }]]),
      targets: new Map([['dense3', { data: ds.arrays.y.data, width: 1 }]]),
    },
  };
}

/** Names of the three benchmark workloads, as printed. */
export const WORKLOAD_NAMES = {
  mlp: 'MLP step (784→512→10, batch 128, Adam)',
  twoTower: 'two-tower step (batch 10, Adam 0.01)',
  matmul: 'matmul 1024×1024×1024 (float32)',
} as const;

/** Two seeded n×n float32 matrices with entries in [-1, 1). */
export function matmulInputs(n = 1024): { n: number; a: Float32Array; b: Float32Array } {
  const rng = new Rng(99);
  const fill = () => Float32Array.from({ length: n * n }, () => rng.next() * 2 - 1);
  return { n, a: fill(), b: fill() };
}

/** Median, min and max of a list of numbers. */
export function stats(xs: readonly number[]): { median: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return {
    median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2,
    min: s[0],
    max: s[s.length - 1],
  };
}
