import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { compile } from '../../../engine/compile/compile.ts';
import { parseProjectText } from '../../../engine/document/parse.ts';
import type { Project } from '../../../engine/document/schema.ts';
import { weightValues } from '../../../engine/document/weights.ts';
import { isLoomError, type LoomError } from '../../../engine/errors.ts';
import { readSafetensors, writeSafetensors } from '../../../engine/export/safetensors.ts';
import { initialWeights } from '../../../engine/session/weights.ts';
import { actions, getState, inferenceOf } from '../state/store.ts';
import {
  exportAs,
  exportBlocker,
  exportFile,
  exportFileName,
  fileStem,
  importModel,
  importWeightsFile,
  isModelImport,
  readModel,
  readWeightsInto,
  transferState,
} from './exportImport.ts';
import type { LayerloomBridge } from '../../../electron/api.ts';
import { desktopFiles } from './desktopFiles.ts';
import type { PickedFile, ProjectFiles } from './files.ts';

const TEXT = readFileSync(
  new URL('../../../assets/examples/two-tower.loom', import.meta.url),
  'utf8',
);
const twoTower = (): Project => parseProjectText(TEXT, { file: 'two-tower.loom' });

/** The engine's weights for a project, by tensor name '<layer>/<weight>'. */
function engineWeights(doc: Project): Map<string, { shape: number[]; data: Float32Array }> {
  const { params } = compile(doc, { mode: 'predict', batchSize: 1 });
  const values = initialWeights(doc, params).values;
  return new Map(
    params.map((p) => [
      `${p.layer}/${p.weight}`,
      { shape: [...p.shape], data: values.get(p.key)! },
    ]),
  );
}

/** The weights stored in a project, by tensor name. */
function storedWeights(doc: Project): Map<string, { shape: number[]; data: Float32Array }> {
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const node of doc.nodes)
    for (const [param, w] of Object.entries(doc.weights?.[node.id] ?? {}))
      out.set(`${node.name}/${param}`, {
        shape: [...w.shape],
        data: weightValues(w, { node: node.name, param }),
      });
  return out;
}

async function caught(f: () => Promise<unknown>): Promise<LoomError> {
  try {
    await f();
  } catch (e) {
    if (isLoomError(e)) return e;
    throw e;
  }
  throw new Error('expected a LoomError');
}

/** A ProjectFiles whose pickers return `picked` and whose exports are recorded. */
function fakeFiles(picked: PickedFile[] | null = null) {
  const exported: { name: string; bytes: Uint8Array; format: string }[] = [];
  const files: ProjectFiles = {
    open: async () => null,
    save: async () => null,
    saveAs: async () => null,
    exportBytes: async (name, bytes, format) => {
      exported.push({ name, bytes, format });
      return { name };
    },
    importFiles: async () => picked,
  };
  return { files, exported };
}

beforeEach(() => {
  // exportImport clears the browser autosave after an import; Node has no window or localStorage.
  const store = new Map<string, string>();
  vi.stubGlobal('window', {});
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
});

describe('file names', () => {
  it('names each export after the project, with the format extension', () => {
    expect(exportFileName('two_tower', 'safetensors')).toBe('two_tower.safetensors');
    expect(exportFileName('two_tower', 'json')).toBe('two_tower.weights.json');
    expect(exportFileName('two_tower', 'tfjs')).toBe('two_tower.tfjs.zip');
    expect(exportFileName('two_tower', 'keras')).toBe('two_tower.keras');
    expect(exportFileName('two_tower', 'python')).toBe('two_tower.py');
    expect(fileStem('a/b:c')).toBe('a_b_c');
    expect(fileStem('  ')).toBe('model');
    expect(fileStem('..hidden')).toBe('hidden');
  });
});

describe('exportBlocker', () => {
  it('allows a valid model and names the first error of an invalid one', () => {
    const doc = twoTower();
    expect(exportBlocker(doc, inferenceOf(doc))).toBeNull();
    const blank = { ...doc, nodes: [], edges: [] };
    expect(exportBlocker(blank, inferenceOf(blank))).toMatch(/no layers/);
    const cut = { ...doc, edges: doc.edges.filter((e) => e.target.node !== 'concat') };
    const reason = exportBlocker(cut, inferenceOf(cut));
    expect(reason).toMatch(/^Fix the model first: /);
    expect(reason).toContain(
      inferenceOf(cut).diagnostics.find((d) => d.severity === 'error')!.message,
    );
  });
});

describe('export then import', () => {
  it('zips a TF.js export into one file that imports back as the same model and weights', async () => {
    const doc = twoTower();
    const { name, bytes } = await exportFile(doc, 'tfjs');
    expect(name).toBe('two_tower.tfjs.zip');
    const entries = unzipSync(bytes);
    expect(Object.keys(entries)).toContain('model.json');
    expect(Object.keys(entries).some((n) => n.endsWith('.bin'))).toBe(true);

    const fromZip = await readModel([{ name, bytes }]);
    const layers = (p: Project) => p.nodes.map((n) => `${n.name}:${n.type}`).sort();
    expect(layers(fromZip.project)).toEqual(layers(doc));
    expect(storedWeights(fromZip.project)).toEqual(engineWeights(doc));

    // The same files picked loose (model.json + shards) give the same project.
    const loose = Object.entries(entries).map(([n, b]) => ({ name: n, bytes: b }));
    const fromFiles = await readModel(loose);
    expect(fromFiles.project.nodes).toEqual(fromZip.project.nodes);
    expect(storedWeights(fromFiles.project)).toEqual(storedWeights(fromZip.project));
  });

  it('imports its own .keras export', async () => {
    const doc = twoTower();
    const { name, bytes } = await exportFile(doc, 'keras', new Date('2026-01-01T00:00:00Z'));
    const { project, report } = await readModel([{ name, bytes }]);
    expect(project.nodes.map((n) => n.type).sort()).toEqual(doc.nodes.map((n) => n.type).sort());
    expect(report.loaded.length).toBe(engineWeights(doc).size);
  });

  it('reports a pick with no model.json', async () => {
    await expect(readModel([{ name: 'a.bin', bytes: new Uint8Array(8) }])).rejects.toMatchObject({
      code: 'import/model',
    });
  });

  it('loads exported safetensors back by name and rejects a wrong shape naming both shapes', async () => {
    const doc = twoTower();
    const { name, bytes } = await exportFile(doc, 'safetensors');
    const parsed = readSafetensors(bytes);
    const expected = engineWeights(doc);
    expect(parsed.tensors.map((t) => t.name).sort()).toEqual([...expected.keys()].sort());

    const { weights, report } = await readWeightsInto(doc, { name, bytes });
    expect(report).toBe(
      `Loaded ${expected.size} tensors from two_tower.safetensors into two_tower.`,
    );
    expect(storedWeights({ ...doc, weights })).toEqual(expected);

    const wrong = parsed.tensors.map((t) =>
      t.name === 'dense2/kernel' ? { name: t.name, shape: [3, 2], data: new Float32Array(6) } : t,
    );
    const bad = writeSafetensors(wrong, {});
    const e = await caught(() => readWeightsInto(doc, { name: 'bad.safetensors', bytes: bad }));
    expect(e.code).toBe('import/weights');
    expect(e.message).toContain("'dense2/kernel'");
    expect(e.message).toContain('[3, 2]');
    expect(e.message).toContain('[2, 2]');
  });

  it('tells model files from weights files', () => {
    const b = new Uint8Array(1);
    const json = (text: string) => new TextEncoder().encode(text);
    expect(isModelImport([{ name: 'm.keras', bytes: b }])).toBe(true);
    expect(isModelImport([{ name: 'm.tfjs.zip', bytes: b }])).toBe(true);
    expect(isModelImport([{ name: 'w.npz', bytes: b }])).toBe(false);
    expect(isModelImport([{ name: 'w.safetensors', bytes: b }])).toBe(false);
    expect(isModelImport([{ name: 'model.json', bytes: json('{"modelTopology":{}}') }])).toBe(true);
    expect(isModelImport([{ name: 'w.weights.json', bytes: json('{"tensors":[]}') }])).toBe(false);
    expect(
      isModelImport([
        { name: 'model.json', bytes: b },
        { name: 'g.bin', bytes: b },
      ]),
    ).toBe(true);
  });
});

describe('actions', () => {
  it('exports the open project through ProjectFiles', async () => {
    actions.load(twoTower(), 'two-tower.loom');
    const { files, exported } = fakeFiles();
    await exportAs('npz', files);
    expect(exported.map((e) => [e.name, e.format])).toEqual([['two_tower.npz', 'npz']]);
    expect(exported[0].bytes.subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    expect(transferState()).toEqual({ busy: null, status: 'Exported two_tower.npz' });
  });

  it('does not export an invalid model', async () => {
    const doc = twoTower();
    actions.load({ ...doc, edges: [] }, 'x.loom');
    const { files, exported } = fakeFiles();
    await exportAs('json', files);
    expect(exported).toEqual([]);
  });

  it('loads weights as one undo step, and leaves the project unchanged on a bad file', async () => {
    const doc = twoTower();
    actions.load(doc, 'two-tower.loom');
    const changed = engineWeights(doc);
    for (const t of changed.values()) t.data = t.data.map((v, i) => v + i + 1);
    const tensors = [...changed].map(([name, t]) => ({ name, ...t }));
    const bytes = writeSafetensors(tensors, {});
    await importWeightsFile(fakeFiles([{ name: 'w.safetensors', bytes }]).files);
    expect(storedWeights(getState().history.present)).toEqual(changed);
    expect(getState().history.past.length).toBe(1);
    actions.undo();
    expect(getState().history.present).toBe(doc);

    const before = getState().history;
    const bad = writeSafetensors(tensors.slice(1), {});
    await importWeightsFile(fakeFiles([{ name: 'w.safetensors', bytes: bad }]).files);
    expect(getState().history).toBe(before);
  });

  it('opens an imported model as a new project', async () => {
    const doc = twoTower();
    const zip = await exportFile(doc, 'tfjs');
    actions.load({ ...doc, nodes: [], edges: [] }, 'blank.loom');
    await importModel(fakeFiles([zip]).files);
    const now = getState();
    expect(now.file.name).toBe('two_tower.loom');
    expect(now.history.present.nodes.map((n) => n.id).sort()).toEqual(
      doc.nodes.map((n) => n.id).sort(),
    );
    expect(storedWeights(now.history.present)).toEqual(engineWeights(doc));
  });
});

describe('desktopFiles export and import', () => {
  it('sends exports to the save dialog by format and wraps the picked file', async () => {
    const calls: unknown[][] = [];
    const bytes = new Uint8Array([1, 2, 3]);
    const bridge = {
      exportFile: async (...args: unknown[]) => {
        calls.push(['exportFile', ...args]);
        return { name: 'chosen.zip' };
      },
      importFile: async (...args: unknown[]) => {
        calls.push(['importFile', ...args]);
        return calls.length === 2 ? { name: 'w.npz', bytes } : null;
      },
    } as unknown as LayerloomBridge;
    const files = desktopFiles(bridge);
    expect(await files.exportBytes('m.tfjs.zip', bytes, 'tfjs')).toEqual({ name: 'chosen.zip' });
    expect(await files.importFiles('weights')).toEqual([{ name: 'w.npz', bytes }]);
    expect(await files.importFiles('model')).toBeNull();
    expect(calls).toEqual([
      ['exportFile', 'tfjs', 'm.tfjs.zip', bytes],
      ['importFile', ['safetensors', 'npz', 'json']],
      ['importFile', ['json']],
    ]);
  });
});
