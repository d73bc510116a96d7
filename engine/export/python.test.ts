// The generated training script: valid Python, and — run against a recording stand-in for the
// keras package (Keras itself is not installed here) — it builds the same layers with the same
// names, inputs and configs, compiles with the project's settings and loads the exported .npz.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProjectText } from '../document/parse.ts';
import type { Project } from '../document/schema.ts';
import { exportModel } from './model.ts';
import { writeWeightsNpz } from './npz.ts';
import { pyLiteral, writePythonScript } from './python.ts';
import { residualProject } from './testing.ts';

const example = (name: string) =>
  parseProjectText(readFileSync(new URL(`../../assets/examples/${name}`, import.meta.url), 'utf8'));

const hasPython = spawnSync('python3', ['-c', 'import ast'], { stdio: 'ignore' }).status === 0;
const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
if (!hasPython) console.warn('python3 not found: skipping the Python syntax checks');

// A stand-in `keras` package that records every constructor call and layer call.
const STUB = `
import sys, types
calls = []
class Obj:
    def __init__(self, kind, args, kwargs):
        self.kind, self.args, self.kwargs, self.inputs, self.weights = kind, args, kwargs, None, None
    def __call__(self, x):
        self.inputs = x
        return self.kwargs.get("name")
    def set_weights(self, w):
        self.weights = w
class Namespace(types.ModuleType):
    def __getattr__(self, cls):
        if cls.startswith("__"):
            raise AttributeError(cls)
        def make(*args, **kwargs):
            o = Obj(self.__name__ + "." + cls, args, kwargs)
            calls.append(o)
            return o
        return make
class Model:
    def __init__(self, inputs, outputs, name):
        self.inputs, self.outputs, self.name = inputs, outputs, name
    def get_layer(self, name):
        return next(c for c in calls if c.kwargs.get("name") == name and c.kind.startswith("keras.layers."))
    def compile(self, **kwargs):
        self.compiled = kwargs
def Input(shape, name):
    calls.append(Obj("keras.Input", (), {"shape": list(shape), "name": name}))
    return name
keras = sys.modules["keras"]
for sub in ["layers", "initializers", "optimizers", "losses", "utils", "saving"]:
    m = Namespace("keras." + sub)
    sys.modules["keras." + sub] = m
    setattr(keras, sub, m)
`;

const RUN = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("generated", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
import keras
model = mod.build_model()
mod.compile_model(model)
if len(sys.argv) > 2:
    mod.load_npz_weights(model, sys.argv[2])
def plain(v):
    if isinstance(v, keras.Obj):
        return {"kind": v.kind, "kwargs": {k: plain(x) for k, x in v.kwargs.items()}}
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    return v
layers = [
    {"kind": c.kind, "kwargs": plain(c.kwargs), "inputs": c.inputs,
     "weights": None if c.weights is None else [[list(w.shape), w.ravel().tolist()] for w in c.weights]}
    for c in keras.calls if c.kind.startswith("keras.layers.") or c.kind == "keras.Input"
]
print(json.dumps({"layers": layers, "model": [model.inputs, model.outputs, model.name],
                  "compile": plain(model.compiled), "consts": [mod.SEED, mod.BATCH_SIZE, mod.EPOCHS, mod.VALIDATION_SPLIT, mod.SHUFFLE]}))
`;

interface Recorded {
  layers: {
    kind: string;
    kwargs: Record<string, unknown>;
    inputs: unknown;
    weights: [number[], number[]][] | null;
  }[];
  model: [unknown, unknown, string];
  compile: {
    optimizer: { kind: string; kwargs: Record<string, unknown> };
    loss: unknown;
    metrics: string[];
  };
  consts: unknown[];
}

/** Writes the script (and the .npz) for `doc`, runs it against the stub and returns what it did. */
function runScript(doc: Project, withWeights = true): Recorded {
  const dir = mkdtempSync(join(tmpdir(), 'py-'));
  mkdirSync(join(dir, 'keras'));
  writeFileSync(join(dir, 'keras', '__init__.py'), STUB);
  const model = exportModel(doc);
  writeFileSync(join(dir, 'model.py'), writePythonScript(model));
  writeFileSync(join(dir, 'model.npz'), writeWeightsNpz(model.tensors));
  const args = ['-c', RUN, join(dir, 'model.py'), ...(withWeights ? [join(dir, 'model.npz')] : [])];
  const r = spawnSync('python3', args, {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: dir },
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Recorded;
}

describe('Python training script', () => {
  it('renders JSON values as Python literals', () => {
    expect(pyLiteral({ a: [true, null, 1e-7, 'x"y'] })).toBe('{"a": [True, None, 1e-7, "x\\"y"]}');
    expect(pyLiteral(NaN)).toBe('float("nan")');
  });

  it.skipIf(!hasPython)('is syntactically valid Python for every example', () => {
    for (const doc of [example('two-tower.loom'), example('mnist-mlp.loom'), residualProject()]) {
      const dir = mkdtempSync(join(tmpdir(), 'py-'));
      const file = join(dir, 'model.py');
      writeFileSync(file, writePythonScript(exportModel(doc)));
      const r = spawnSync(
        'python3',
        ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())', file],
        {
          encoding: 'utf8',
        },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
  });

  it('contains the right layer constructors, the fit call and the distribution strategies', () => {
    const src = writePythonScript(exportModel(example('mnist-mlp.loom')));
    expect(src).toContain('keras.Input(shape=(784,), name="input_layer")');
    expect(src).toMatch(
      /layers\.Dense\(units=512, activation="relu", use_bias=True, kernel_initializer=keras\.initializers\.GlorotUniform\(\), bias_initializer=keras\.initializers\.Zeros\(\), name="dense"\)/,
    );
    expect(src).toMatch(/layers\.Dropout\(rate=0\.2, name="[^"]+"\)/);
    expect(src).toContain('model.fit(');
    expect(src).toContain('tf.distribute.MirroredStrategy()');
    expect(src).toContain('tf.distribute.MultiWorkerMirroredStrategy()');
    expect(src).toContain('keras.losses.SparseCategoricalCrossentropy(from_logits=False)');
  });

  it.skipIf(!hasNumpy)(
    'rebuilds the two-tower model, compiles it and loads the .npz weights',
    () => {
      const doc = example('two-tower.loom');
      const rec = runScript(doc);
      const byName = new Map(rec.layers.map((l) => [l.kwargs.name as string, l]));
      expect(rec.layers.map((l) => [l.kind, l.kwargs.name, l.inputs])).toEqual([
        ['keras.Input', 'input', null],
        ['keras.layers.Dense', 'dense1', 'input'],
        ['keras.layers.Dense', 'dense2', 'input'],
        ['keras.layers.Concatenate', 'concat', ['dense1', 'dense2']],
        ['keras.layers.Dense', 'dense3', 'concat'],
      ]);
      expect(byName.get('input')!.kwargs.shape).toEqual([2]);
      expect(byName.get('dense2')!.kwargs).toMatchObject({
        units: 2,
        activation: 'linear',
        use_bias: true,
      });
      expect(byName.get('concat')!.kwargs).toMatchObject({ axis: -1 });
      expect(rec.model).toEqual(['input', 'dense3', 'two_tower']);
      expect(rec.compile.optimizer.kind).toBe('keras.optimizers.Adam');
      expect(rec.compile.optimizer.kwargs).toMatchObject({
        learning_rate: 0.01,
        beta_1: 0.9,
        epsilon: 1e-7,
      });
      expect(rec.compile.loss).toEqual({ kind: 'keras.losses.MeanSquaredError', kwargs: {} });
      const t = doc.training;
      expect(rec.consts).toEqual([t.seed, t.batchSize, t.epochs, t.validationSplit, t.shuffle]);
      const model = exportModel(doc);
      for (const name of ['dense1', 'dense2', 'dense3']) {
        const ours = model.tensors.filter((x) => x.name.startsWith(`${name}/`));
        expect(byName.get(name)!.weights).toEqual(ours.map((x) => [x.shape, Array.from(x.data)]));
      }
    },
  );

  it.skipIf(!hasPython)(
    'rebuilds Add, Flatten and Activation with their inputs and settings',
    () => {
      const rec = runScript(residualProject(), false);
      expect(rec.layers.map((l) => [l.kind, l.kwargs.name, l.inputs])).toEqual([
        ['keras.Input', 'image', null],
        ['keras.layers.Flatten', 'flat', 'image'],
        ['keras.layers.Dense', 'left', 'flat'],
        ['keras.layers.Dense', 'right', 'flat'],
        ['keras.layers.Add', 'sum', ['left', 'right']],
        ['keras.layers.Activation', 'act', 'sum'],
        ['keras.layers.Dense', 'head', 'act'],
      ]);
      expect(rec.layers[0].kwargs.shape).toEqual([2, 3]);
      expect(rec.layers[3].kwargs.use_bias).toBe(false);
      expect(rec.compile.optimizer).toMatchObject({
        kind: 'keras.optimizers.SGD',
        kwargs: { learning_rate: 0.05, momentum: 0.9, nesterov: false },
      });
      expect(rec.compile.metrics).toEqual(['accuracy']);
      expect(rec.consts).toEqual([5, 16, 3, 0.25, true]);
    },
  );
});
