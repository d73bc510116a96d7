// Seeded synthetic datasets: the same name, params and seed give the same arrays on every platform
// (all randomness comes from Rng). Classification labels are float class indices in y [n, 1];
// samples are shuffled so a trailing validation split sees every class.
import { z } from 'zod';
import { LoomError } from '../errors.ts';
import { Rng } from '../random/rng.ts';
import type { TensorData } from '../tensor.ts';
import type { Dataset } from './dataset.ts';

const MAX_SAMPLES = 1_000_000;
const MAX_FEATURES = 1_000;

const samples = (n: number) =>
  z
    .number()
    .int()
    .min(1)
    .max(MAX_SAMPLES)
    .default(n)
    .meta({ label: 'Samples', help: 'Number of samples (rows) to generate.' });
const seed = z
  .number()
  .int()
  .default(42)
  .meta({ label: 'Seed', help: 'The same seed always gives the same data.' });
const noise = (d: number, help: string) =>
  z.number().min(0).default(d).meta({ label: 'Noise', help });
const width = (d: number, label: string, help: string) =>
  z.number().int().min(1).max(MAX_FEATURES).default(d).meta({ label, help });

const NormalParams = z.object({
  n: samples(100),
  features: width(2, 'Features', 'Columns of x.'),
  outputs: width(1, 'Outputs', 'Columns of y.'),
  mean: z.number().default(0).meta({ label: 'Mean', help: 'Mean of every value.' }),
  stddev: z
    .number()
    .min(0)
    .default(1)
    .meta({ label: 'Std. dev.', help: 'Standard deviation of every value.' }),
  seed,
});

const XorParams = z.object({
  n: samples(200),
  noise: noise(0, 'Std. dev. of Gaussian noise added to the points after labelling.'),
  seed,
});

const CirclesParams = z.object({
  n: samples(200),
  noise: noise(0.05, 'Std. dev. of Gaussian noise added to the points.'),
  factor: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.5)
    .meta({ label: 'Inner radius', help: 'Radius of the inner circle (label 1); the outer is 1.' }),
  seed,
});

const SpiralsParams = z.object({
  n: samples(300),
  arms: z
    .number()
    .int()
    .min(2)
    .max(10)
    .default(2)
    .meta({ label: 'Arms', help: 'Number of spiral arms; each arm is one class.' }),
  turns: z
    .number()
    .gt(0)
    .max(5)
    .default(1)
    .meta({ label: 'Turns', help: 'How many times each arm winds around the centre.' }),
  noise: noise(0.05, 'Std. dev. of Gaussian noise added to the points.'),
  seed,
});

const LinearParams = z.object({
  n: samples(100),
  features: width(1, 'Features', 'Columns of x.'),
  outputs: width(1, 'Outputs', 'Columns of y.'),
  bias: z.number().default(0).meta({ label: 'Bias', help: 'The b in y = x·w + b.' }),
  noise: noise(0.1, 'Std. dev. of Gaussian noise added to y.'),
  seed,
});

type Arrays = Record<string, TensorData>;

/** x [n, features] and y [n, outputs], every value drawn from N(mean, stddev²). */
function normal(p: z.output<typeof NormalParams>, rng: Rng): Arrays {
  const x = new Float32Array(p.n * p.features);
  const y = new Float32Array(p.n * p.outputs);
  for (let k = 0; k < x.length; k++) x[k] = rng.normal(p.mean, p.stddev);
  for (let k = 0; k < y.length; k++) y[k] = rng.normal(p.mean, p.stddev);
  return { x: { shape: [p.n, p.features], data: x }, y: { shape: [p.n, p.outputs], data: y } };
}

/** x uniform in [−1, 1]²; y = 1 when the two coordinates have opposite signs. */
function xor(p: z.output<typeof XorParams>, rng: Rng): Arrays {
  const x = new Float32Array(p.n * 2);
  const y = new Float32Array(p.n);
  for (let i = 0; i < p.n; i++) {
    const a = rng.uniform(-1, 1);
    const b = rng.uniform(-1, 1);
    y[i] = a > 0 !== b > 0 ? 1 : 0;
    x[2 * i] = a;
    x[2 * i + 1] = b;
  }
  // Noise is drawn after all points, so changing it moves the same points (labels stay put).
  if (p.noise > 0) for (let k = 0; k < x.length; k++) x[k] += rng.normal(0, p.noise);
  return { x: { shape: [p.n, 2], data: x }, y: { shape: [p.n, 1], data: y } };
}

/** Points and labels in a seeded random order, then Gaussian noise on every coordinate. */
function shuffledWithNoise(
  points: number[][],
  labels: number[],
  noiseStd: number,
  rng: Rng,
): Arrays {
  const n = labels.length;
  const order = rng.permutation(n);
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const [a, b] = points[order[i]];
    y[i] = labels[order[i]];
    x[2 * i] = a + (noiseStd > 0 ? rng.normal(0, noiseStd) : 0);
    x[2 * i + 1] = b + (noiseStd > 0 ? rng.normal(0, noiseStd) : 0);
  }
  return { x: { shape: [n, 2], data: x }, y: { shape: [n, 1], data: y } };
}

/** Two concentric circles (as sklearn make_circles): outer radius 1 label 0, inner `factor` label 1. */
function circles(p: z.output<typeof CirclesParams>, rng: Rng): Arrays {
  const nOut = Math.floor(p.n / 2);
  const nIn = p.n - nOut;
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < nOut; i++) {
    const t = (2 * Math.PI * i) / nOut;
    points.push([Math.cos(t), Math.sin(t)]);
    labels.push(0);
  }
  for (let i = 0; i < nIn; i++) {
    const t = (2 * Math.PI * i) / nIn;
    points.push([p.factor * Math.cos(t), p.factor * Math.sin(t)]);
    labels.push(1);
  }
  return shuffledWithNoise(points, labels, p.noise, rng);
}

/** `arms` interleaved spirals from the centre to radius 1; arm j is class j. */
function spirals(p: z.output<typeof SpiralsParams>, rng: Rng): Arrays {
  const points: number[][] = [];
  const labels: number[] = [];
  for (let j = 0; j < p.arms; j++) {
    // The first n mod arms arms get one extra point, so class sizes differ by at most one.
    const m = Math.floor(p.n / p.arms) + (j < p.n % p.arms ? 1 : 0);
    for (let i = 0; i < m; i++) {
      const r = (i + 1) / m;
      const t = 2 * Math.PI * (j / p.arms + p.turns * r);
      points.push([r * Math.cos(t), r * Math.sin(t)]);
      labels.push(j);
    }
  }
  return shuffledWithNoise(points, labels, p.noise, rng);
}

/** x ~ N(0, 1) [n, features]; y = x·w + bias + noise with w ~ N(0, 1) drawn first from the seed. */
function linear(p: z.output<typeof LinearParams>, rng: Rng): Arrays {
  const w = new Float64Array(p.features * p.outputs);
  for (let k = 0; k < w.length; k++) w[k] = rng.normal();
  const x = new Float32Array(p.n * p.features);
  const y = new Float32Array(p.n * p.outputs);
  for (let k = 0; k < x.length; k++) x[k] = rng.normal();
  for (let i = 0; i < p.n; i++)
    for (let o = 0; o < p.outputs; o++) {
      let s = p.bias;
      for (let f = 0; f < p.features; f++) s += x[i * p.features + f] * w[f * p.outputs + o];
      y[i * p.outputs + o] = s + (p.noise > 0 ? rng.normal(0, p.noise) : 0);
    }
  return { x: { shape: [p.n, p.features], data: x }, y: { shape: [p.n, p.outputs], data: y } };
}

/** A generator: its params schema (defaults + UI metadata) and the function that draws the data. */
interface GeneratorDef<S extends z.ZodObject = z.ZodObject> {
  title: string;
  description: string;
  params: S;
  run: (p: z.output<S>, rng: Rng) => Arrays;
}

const def = <S extends z.ZodObject>(g: GeneratorDef<S>): GeneratorDef =>
  g as unknown as GeneratorDef;

/** Every generator by name. */
export const generators = {
  normal: def({
    title: 'Random normal',
    description: 'x and y filled with normally distributed values, like tf.random.normal.',
    params: NormalParams,
    run: normal,
  }),
  xor: def({
    title: 'XOR',
    description: 'Points in the square [−1, 1]²; label 1 where x and y have opposite signs.',
    params: XorParams,
    run: xor,
  }),
  circles: def({
    title: 'Circles',
    description: 'Two concentric circles: the outer is label 0, the inner label 1.',
    params: CirclesParams,
    run: circles,
  }),
  spirals: def({
    title: 'Spirals',
    description: 'Interleaved spiral arms, one class (0, 1, …) per arm.',
    params: SpiralsParams,
    run: spirals,
  }),
  linear: def({
    title: 'Linear',
    description: 'y = x·w + b + noise with seeded random weights w: a linear regression task.',
    params: LinearParams,
    run: linear,
  }),
} as const;

/** What the UI lists about a generator; `params` renders the form (labels via .meta()). */
export interface GeneratorInfo {
  id: keyof typeof generators;
  title: string;
  description: string;
  params: z.ZodObject;
}

/** The generators in menu order. */
export const generatorList: readonly GeneratorInfo[] = (
  Object.keys(generators) as (keyof typeof generators)[]
).map((id) => {
  const { title, description, params } = generators[id];
  return { id, title, description, params };
});

/** Draws the named dataset with params (missing ones take their defaults). */
export function generate(name: string, params: unknown = {}): Dataset {
  const g = Object.hasOwn(generators, name)
    ? generators[name as keyof typeof generators]
    : undefined;
  if (!g)
    throw new LoomError(
      'data/unknown',
      `there is no data generator '${name}'`,
      {},
      `Choose one of: ${Object.keys(generators).join(', ')}.`,
    );
  const parsed = g.params.safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue.path.map(String).join('.') || undefined;
    throw new LoomError(
      'data/binding',
      `invalid ${name} generator setting: ${issue.message}`,
      { param },
      'Fix the value in the Data tab.',
    );
  }
  const p = parsed.data as { seed: number };
  const arrays = g.run(p, new Rng(p.seed));
  const dtypes = Object.fromEntries(Object.keys(arrays).map((k) => [k, 'float32']));
  return { name, source: `generator:${name}`, arrays, dtypes };
}
