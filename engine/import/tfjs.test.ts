import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFloat32 } from '../document/weights.ts';
import type { Project } from '../document/schema.ts';
import { importTfjsModel } from './tfjs.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** Little-endian float32 bytes of `values`. */
function f32bytes(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

/** `n` distinct float32 values starting at `start` (not representable in fewer bits). */
const ramp = (n: number, start: number) =>
  Array.from({ length: n }, (_, i) => Math.fround(start + i * 0.1234567));

function weight(p: Project, node: string, param: string) {
  const w = p.weights![node][param];
  return { shape: w.shape, values: Array.from(decodeFloat32(w.base64!)) };
}

describe('importTfjsModel: Sequential (TF.js style, input shape on the first layer)', () => {
  const k1 = ramp(12, -0.7);
  const b1 = ramp(3, 0.05);
  const k2 = ramp(6, 1.5);
  const shards = { 'weights.bin': f32bytes([...k1, ...b1, ...k2]) };
  const { project, report } = importTfjsModel(fixture('sequential.model.json'), shards);

  it('makes an Input node from batch_input_shape and chains the layers', () => {
    expect(project.name).toBe('sequential_1');
    expect(project.nodes.map((n) => [n.id, n.type])).toEqual([
      ['dense_Dense1_input', 'Input'],
      ['dense_Dense1', 'Dense'],
      ['dropout_Dropout1', 'Dropout'],
      ['dense_Dense2', 'Dense'],
    ]);
    expect(
      project.edges.map(
        (e) => `${e.source.node}.${e.source.port}->${e.target.node}.${e.target.port}`,
      ),
    ).toEqual([
      'dense_Dense1_input.out->dense_Dense1.in',
      'dense_Dense1.out->dropout_Dropout1.in',
      'dropout_Dropout1.out->dense_Dense2.in',
    ]);
  });

  it('maps the Keras configs to params', () => {
    const params = Object.fromEntries(project.nodes.map((n) => [n.id, n.params]));
    expect(params.dense_Dense1_input).toEqual({ shape: [4] });
    expect(params.dense_Dense1).toEqual({
      units: 3,
      activation: 'relu',
      useBias: true,
      kernelInitializer: { type: 'glorot_normal' },
      biasInitializer: { type: 'zeros' },
    });
    expect(params.dropout_Dropout1).toEqual({ rate: 0.25, seed: 7 });
    expect(params.dense_Dense2).toMatchObject({ units: 2, activation: 'softmax', useBias: false });
  });

  it('lays nodes out left to right by depth', () => {
    const xs = project.nodes.map((n) => n.position.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(4);
  });

  it('slices the shard into bit-identical weights and reports them', () => {
    expect(weight(project, 'dense_Dense1', 'kernel')).toEqual({ shape: [4, 3], values: k1 });
    expect(weight(project, 'dense_Dense1', 'bias')).toEqual({ shape: [3], values: b1 });
    expect(weight(project, 'dense_Dense2', 'kernel')).toEqual({ shape: [3, 2], values: k2 });
    expect(project.weights!.dense_Dense2.bias).toBeUndefined();
    expect(report.loaded.map((l) => l.tensor)).toEqual([
      'dense_Dense1/kernel',
      'dense_Dense1/bias',
      'dense_Dense2/kernel',
    ]);
  });
});

describe('importTfjsModel: Functional two-tower (Keras 2 converter, model_config wrapper)', () => {
  const values = ramp(13, -1);
  // Group 1 is split over two shards at an odd byte boundary, as the converter may split it.
  const g1 = f32bytes(values.slice(0, 7));
  const shards = new Map([
    ['group1-shard1of2.bin', g1.subarray(0, 10)],
    ['group1-shard2of2.bin', g1.subarray(10)],
    ['group2-shard1of1.bin', f32bytes(values.slice(7))],
  ]);
  const { project } = importTfjsModel(fixture('two-tower.model.json'), shards);

  it('wires Concatenate inputs to in0, in1 in call order', () => {
    const into = project.edges.filter((e) => e.target.node === 'joined');
    expect(into.map((e) => [e.source.node, e.target.port])).toEqual([
      ['tower_b', 'in0'],
      ['tower_a', 'in1'],
    ]);
    expect(project.nodes.find((n) => n.id === 'features')!.params).toEqual({ shape: [2] });
    expect(project.nodes.find((n) => n.id === 'tower_b')!.params).toMatchObject({
      activation: 'tanh',
      kernelInitializer: { type: 'he_normal' },
      biasInitializer: { type: 'constant', value: 0.5 },
    });
  });

  it('puts the towers in one column, between the input and the head', () => {
    const pos = Object.fromEntries(project.nodes.map((n) => [n.id, n.position]));
    expect(pos.tower_a.x).toBe(pos.tower_b.x);
    expect(pos.tower_a.y).not.toBe(pos.tower_b.y);
    expect(pos.features.x).toBeLessThan(pos.tower_a.x);
    expect(pos.joined.x).toBeLessThan(pos.head.x);
  });

  it('reads weights across shards and groups', () => {
    expect(weight(project, 'tower_a', 'kernel').values).toEqual(values.slice(0, 2));
    expect(weight(project, 'tower_b', 'kernel').values).toEqual(values.slice(3, 7));
    expect(weight(project, 'tower_b', 'bias').values).toEqual(values.slice(7, 9));
    expect(weight(project, 'head', 'kernel')).toEqual({
      shape: [3, 1],
      values: values.slice(9, 12),
    });
    expect(weight(project, 'head', 'bias').values).toEqual(values.slice(12));
  });
});
