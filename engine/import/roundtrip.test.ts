// Export → import round trips through the exporters in engine/export: the same graph, the same
// params (defaults filled in) and bit-identical weights.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProject, parseProjectText } from '../document/parse.ts';
import type { Project } from '../document/schema.ts';
import { weightValues } from '../document/weights.ts';
import { isLoomError } from '../errors.ts';
import { exportProject, type ExportFormat } from '../export/index.ts';
import { exportModel } from '../export/model.ts';
import { getLayer } from '../layers/registry.ts';
import { importKerasArchive } from './keras.ts';
import { importTfjsModel } from './tfjs.ts';
import { importWeights } from './weights.ts';

const example = (name: string) =>
  parseProjectText(readFileSync(new URL(`../../assets/examples/${name}`, import.meta.url), 'utf8'));

/** Every importable layer: Input → Dense → Dropout → Activation / Dense → Add → Flatten → Concatenate → Dense. */
const allLayers: Project = parseProject({
  schemaVersion: 1,
  name: 'all_layers',
  nodes: [
    { id: 'i', type: 'Input', name: 'inp', params: { shape: [2, 3] } },
    { id: 'd1', type: 'Dense', name: 'd1', params: { units: 4, activation: 'tanh' } },
    { id: 'dr', type: 'Dropout', name: 'drop', params: { rate: 0.3, seed: 11 } },
    { id: 'a', type: 'Activation', name: 'act', params: { activation: 'sigmoid' } },
    {
      id: 'd2',
      type: 'Dense',
      name: 'd2',
      params: {
        units: 4,
        useBias: false,
        kernelInitializer: { type: 'random_normal', stddev: 0.2 },
      },
    },
    { id: 's', type: 'Add', name: 'sum', params: {} },
    { id: 'f', type: 'Flatten', name: 'flat', params: {} },
    { id: 'f2', type: 'Flatten', name: 'flat_in', params: {} },
    { id: 'c', type: 'Concatenate', name: 'cat', params: { axis: -1 } },
    { id: 'o', type: 'Dense', name: 'out', params: { units: 3, activation: 'softmax' } },
  ],
  edges: [
    ['i', 'd1', 'in'],
    ['d1', 'dr', 'in'],
    ['dr', 'a', 'in'],
    ['i', 'd2', 'in'],
    ['a', 's', 'in0'],
    ['d2', 's', 'in1'],
    ['s', 'f', 'in'],
    ['i', 'f2', 'in'],
    ['f2', 'c', 'in0'],
    ['f', 'c', 'in1'],
    ['c', 'o', 'in'],
  ].map(([s, t, p]) => ({
    id: `${s}-${t}`,
    source: { node: s, port: 'out' },
    target: { node: t, port: p },
  })),
});

const projects: [string, Project][] = [
  ['two-tower', example('two-tower.loom')],
  ['mnist-mlp', example('mnist-mlp.loom')],
  ['linear-regression', example('linear-regression.loom')],
  ['all layers', allLayers],
];

/** The graph by layer names: types, full params and edges, independent of node ids. */
function graphOf(p: Project) {
  const name = new Map(p.nodes.map((n) => [n.id, n.name]));
  return {
    nodes: p.nodes
      .map((n) => ({ name: n.name, type: n.type, params: getLayer(n.type).params.parse(n.params) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    edges: p.edges
      .map(
        (e) =>
          `${name.get(e.source.node)}.${e.source.port}->${name.get(e.target.node)}.${e.target.port}`,
      )
      .sort(),
  };
}

/** The exported tensors by name, as raw bits. */
function expectedBits(p: Project): Map<string, Uint32Array> {
  return new Map(
    exportModel(p).tensors.map((t) => [t.name, new Uint32Array(Float32Array.from(t.data).buffer)]),
  );
}

/** The imported weights by '<layer>/<param>', as raw bits. */
function importedBits(p: Project): Map<string, Uint32Array> {
  const out = new Map<string, Uint32Array>();
  for (const n of p.nodes)
    for (const [param, w] of Object.entries(p.weights?.[n.id] ?? {}))
      out.set(
        `${n.name}/${param}`,
        new Uint32Array(weightValues(w, { node: n.name, param }).buffer),
      );
  return out;
}

async function exported(p: Project, format: ExportFormat) {
  return exportProject(p, format, { date: new Date(Date.UTC(2026, 0, 1)) });
}

describe.each(projects)('round trip of %s', (_name, project) => {
  it('TF.js layers: same graph, params and bit-identical weights', async () => {
    const out = await exported(project, 'tfjs');
    if (out.kind !== 'folder') throw new Error('tfjs exports a folder');
    const { project: back } = importTfjsModel(out.files.get('model.json')!, out.files);
    expect(graphOf(back)).toEqual(graphOf(project));
    expect(importedBits(back)).toEqual(expectedBits(project));
  });

  it('Keras .keras: same graph, params and bit-identical weights', async () => {
    const out = await exported(project, 'keras');
    if (out.kind !== 'file') throw new Error('keras exports a file');
    const { project: back, report } = await importKerasArchive(out.bytes);
    expect(graphOf(back)).toEqual(graphOf(project));
    expect(importedBits(back)).toEqual(expectedBits(project));
    expect(report.loaded.length).toBe(expectedBits(project).size);
  });

  it.each(['safetensors', 'npz', 'json'] as const)(
    'weights only (%s) into the project: bit-identical, all reported',
    async (format) => {
      const out = await exported(project, format);
      if (out.kind !== 'file') throw new Error('a weights export is one file');
      const { project: back, report } = importWeights(
        { ...project, weights: undefined },
        out.bytes,
        `w.${format}`,
      );
      expect(importedBits(back)).toEqual(expectedBits(project));
      expect(report.loaded.map((l) => l.tensor).sort()).toEqual(
        [...expectedBits(project).keys()].sort(),
      );
      expect(graphOf(back)).toEqual(graphOf(project));
    },
  );
});

describe('weights only: strict by name and shape', () => {
  it('names the tensor and both shapes when a weight does not fit', async () => {
    const out = await exported(example('two-tower.loom'), 'safetensors');
    if (out.kind !== 'file') throw new Error('file');
    // The same names with different shapes: a project whose first tower has 3 units.
    const other = example('two-tower.loom');
    const changed = {
      ...other,
      nodes: other.nodes.map((n) => (n.name === 'dense1' ? { ...n, params: { units: 3 } } : n)),
    };
    try {
      importWeights(changed, out.bytes, 'w.safetensors');
      throw new Error('expected a LoomError');
    } catch (e) {
      expect(isLoomError(e)).toBe(true);
      expect((e as Error).message).toContain(
        "'dense1/kernel' has shape [2, 1] but the layer needs [2, 3]",
      );
    }
  });

  it('leaves the given project untouched', async () => {
    const p = example('linear-regression.loom');
    const before = JSON.stringify(p);
    const out = await exported(example('two-tower.loom'), 'json');
    if (out.kind !== 'file') throw new Error('file');
    expect(() => importWeights(p, out.bytes, 'w.json')).toThrow(/missing|matches no parameter/);
    expect(JSON.stringify(p)).toBe(before);
  });
});
