import { unzipSync } from 'fflate';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpz } from '../data/npz.ts';
import { parseProjectText } from '../document/parse.ts';
import { readWeightsJson } from '../export/json.ts';
import { readH5Datasets } from '../export/kerasH5.ts';
import { exportModel, type NamedTensor } from '../export/model.ts';
import { readSafetensors } from '../export/safetensors.ts';
import { readTfjsWeights, joinShards, type TfjsWeightSpec } from '../export/tfjs.ts';
import { main } from './main.ts';

const examples = new URL('../../assets/examples/', import.meta.url).pathname;
const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const out = { write: (s: string) => ((stdout += s), true) } as unknown as NodeJS.WriteStream;
  const err = { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WriteStream;
  const code = await main(argv, out, err);
  return { code, stdout, stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'export-'));
const project = (name: string) =>
  parseProjectText(readFileSync(join(examples, name), 'utf8'), { file: name });
const bits = (t: { data: Float32Array }) => Array.from(new Uint32Array(t.data.slice().buffer));

/** Expects `back` to hold exactly the tensors of `expected`, bit for bit (any order). */
function expectSameTensors(back: NamedTensor[], expected: NamedTensor[]) {
  const sort = (ts: NamedTensor[]) => [...ts].sort((a, b) => (a.name < b.name ? -1 : 1));
  expect(sort(back).map((t) => [t.name, [...t.shape], bits(t)])).toEqual(
    sort(expected).map((t) => [t.name, [...t.shape], bits(t)]),
  );
}

describe('layerloom export', () => {
  it.skipIf(!hasNumpy)(
    '--format npz writes a file numpy.load opens with one array per weight',
    async () => {
      const out = join(tmp(), 'two-tower.npz');
      const r = await run(
        'export',
        join(examples, 'two-tower.loom'),
        '--format',
        'npz',
        '--out',
        out,
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(out);
      const py = spawnSync(
        'python3',
        [
          '-c',
          'import json, sys, numpy as np\nz = np.load(sys.argv[1])\nprint(json.dumps({k: [str(z[k].dtype), list(z[k].shape)] for k in z.files}))',
          out,
        ],
        { encoding: 'utf8' },
      );
      expect(py.stderr).toBe('');
      expect(JSON.parse(py.stdout)).toEqual({
        'dense1/kernel': ['float32', [2, 1]],
        'dense1/bias': ['float32', [1]],
        'dense2/kernel': ['float32', [2, 2]],
        'dense2/bias': ['float32', [2]],
        'dense3/kernel': ['float32', [3, 1]],
        'dense3/bias': ['float32', [1]],
      });
    },
  );

  it('exports the stored weights of a project (linear regression starts at kernel 10, bias 1)', async () => {
    const out = join(tmp(), 'w.json');
    const r = await run(
      'export',
      join(examples, 'linear-regression.loom'),
      '--format',
      'json',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const back = readWeightsJson(readFileSync(out));
    expect(back.map((t) => [t.name, t.shape, Array.from(t.data)])).toEqual([
      [expect.stringMatching(/\/kernel$/), [1, 1], [10]],
      [expect.stringMatching(/\/bias$/), [1], [1]],
    ]);
  });

  for (const example of ['two-tower.loom', 'mnist-mlp.loom'])
    it(`round-trips every format bit for bit (${example})`, async () => {
      const expected = exportModel(project(example)).tensors;
      const dir = tmp();
      const file = (name: string) => join(dir, name);
      const ok = async (format: string, out: string) => {
        const r = await run('export', join(examples, example), '--format', format, '--out', out);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
      };
      await ok('json', file('w.json'));
      expectSameTensors(readWeightsJson(readFileSync(file('w.json'))), expected);
      await ok('safetensors', file('w.safetensors'));
      expectSameTensors(readSafetensors(readFileSync(file('w.safetensors'))).tensors, expected);
      await ok('npz', file('w.npz'));
      const npz = readNpz(readFileSync(file('w.npz')));
      expectSameTensors(
        Object.entries(npz.arrays).map(([name, a]) => ({
          name,
          shape: [...a.shape],
          data: a.data,
        })),
        expected,
      );
      await ok('tfjs', file('tfjs'));
      const modelJson = JSON.parse(readFileSync(file('tfjs/model.json'), 'utf8')) as {
        weightsManifest: { paths: string[]; weights: TfjsWeightSpec[] }[];
      };
      const [group] = modelJson.weightsManifest;
      expect(readdirSync(file('tfjs')).sort()).toEqual(['model.json', ...group.paths].sort());
      const data = joinShards(group.paths.map((p) => readFileSync(join(file('tfjs'), p))));
      expectSameTensors(readTfjsWeights(group.weights, data), expected);
      await ok('keras', file('m.keras'));
      const zip = unzipSync(readFileSync(file('m.keras')));
      const h5 = await readH5Datasets(zip['model.weights.h5']);
      const h5Floats = [...h5.values()].filter((d) => d.dtype === '<f' && d.shape.length > 0);
      expect(h5Floats.map((d) => bits({ data: d.value as Float32Array }))).toEqual(
        expected.map(bits),
      );
      await ok('python', file('train.py'));
      expect(readFileSync(file('train.py'), 'utf8')).toContain('python train.py --data data.npz');
      // No temporary files are left behind by the atomic writes.
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    });

  it('rejects an unknown format, a missing --out and a missing project with exit code 1', async () => {
    const two = join(examples, 'two-tower.loom');
    const bad = await run('export', two, '--format', 'onnx', '--out', join(tmp(), 'x'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /unknown export format 'onnx'.*json, safetensors, npz, tfjs, keras, python/,
    );
    const noOut = await run('export', two, '--format', 'npz');
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toMatch(/needs --out/);
    const dir = tmp();
    const r = await run(
      'export',
      join(dir, 'nope.loom'),
      '--format',
      'npz',
      '--out',
      join(dir, 'x.npz'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('does not exist');
    expect(existsSync(join(dir, 'x.npz'))).toBe(false);
  });

  it('lists export in the usage text', async () => {
    const r = await run('--help');
    expect(r.stdout).toMatch(/export <project\.loom> --format F --out PATH/);
  });
});
