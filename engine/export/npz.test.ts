import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NamedTensor } from './model.ts';
import { readWeightsNpz, writeWeightsNpz } from './npz.ts';

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

const tensors: NamedTensor[] = [
  { name: 'dense1/kernel', shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, -6.5]) },
  { name: 'dense1/bias', shape: [3], data: new Float32Array([0.25, 0, -0]) },
];

describe('NumPy .npz weights', () => {
  it('round-trips names, shapes and bits', () => {
    const back = readWeightsNpz(writeWeightsNpz(tensors));
    expect(back.map((t) => t.name)).toEqual(['dense1/kernel', 'dense1/bias']);
    back.forEach((t, i) => {
      expect(t.shape).toEqual(tensors[i].shape);
      expect(new Uint32Array(t.data.buffer)).toEqual(
        new Uint32Array(tensors[i].data.slice().buffer),
      );
    });
  });

  it.skipIf(!hasNumpy)(
    'numpy.load yields one float32 array per weight named "<layer>/<weight>"',
    () => {
      const file = join(mkdtempSync(join(tmpdir(), 'npz-')), 'w.npz');
      writeFileSync(file, writeWeightsNpz(tensors));
      const script = `
import json, sys, numpy as np
z = np.load(sys.argv[1])
print(json.dumps({k: [str(z[k].dtype), list(z[k].shape), z[k].ravel().tolist()] for k in z.files}))
`;
      const r = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({
        'dense1/kernel': ['float32', [2, 3], [1, 2, 3, 4, 5, -6.5]],
        'dense1/bias': ['float32', [3], [0.25, 0, -0]],
      });
    },
  );
});
