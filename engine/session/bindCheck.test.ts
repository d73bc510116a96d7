import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProjectText } from '../document/parse.ts';
import type { Binding, Project } from '../document/schema.ts';
import { inferShapes } from '../graph/infer.ts';
import { sizeOf } from '../tensor.ts';
import { bindData, type ArraySet } from './bind.ts';
import { bindingProblems } from './bindCheck.ts';

const example = (name: string): Project =>
  parseProjectText(
    readFileSync(new URL(`../../assets/examples/${name}.loom`, import.meta.url), 'utf8'),
  );

const bind = (doc: Project, inputs: Record<string, Binding>, targets: Record<string, Binding>) => ({
  ...doc,
  data: { ...doc.data, inputs, targets },
});
const b = (...arrays: string[]): Binding => ({ arrays, scale: 'none' });
const TWO_TOWER = { x: [10, 2], y: [10, 1], z: [10], w: [5, 1] };

describe('bindingProblems', () => {
  it('passes the two-tower example on its built-in data, with readable messages', () => {
    const doc = example('two-tower');
    const r = bindingProblems(doc, inferShapes(doc), { x: [10, 2], y: [10, 1] });
    expect(r.ok).toBe(true);
    expect(r.samples).toBe(10);
    expect(r.inputs.input).toMatchObject({ ok: true, expected: 2, actual: 2, samples: 10 });
    expect(r.inputs.input.message).toBe(
      'Input input expects 2 values per sample (shape (None, 2)); [x] gives 2',
    );
    expect(r.targets.dense3.message).toBe(
      'output dense3 (loss meanSquaredError) expects 1 target value per sample; [y] gives 1',
    );
  });

  it('reports a width mismatch, concatenating arrays in order', () => {
    const doc = bind(example('two-tower'), { input: b('x', 'z') }, { dense3: b('y') });
    const r = bindingProblems(doc, inferShapes(doc), TWO_TOWER);
    expect(r.ok).toBe(false);
    expect(r.inputs.input).toMatchObject({ ok: false, expected: 2, actual: 3 });
    expect(r.inputs.input.message).toContain('[x, z] gives 3');
    expect(r.targets.dense3.ok).toBe(true);
  });

  it('reports unbound nodes and missing arrays by name', () => {
    const doc = bind(example('two-tower'), {}, { dense3: b('nope') });
    const r = bindingProblems(doc, inferShapes(doc), TWO_TOWER);
    expect(r.inputs.input.message).toBe('Input input has no data bound to it');
    expect(r.targets.dense3.message).toBe("'nope' is not in the data (it has: x, y, z, w)");
  });

  it('reports sample counts that differ within a binding and between bindings', () => {
    let doc = bind(example('two-tower'), { input: b('x') }, { dense3: b('w') });
    let r = bindingProblems(doc, inferShapes(doc), TWO_TOWER);
    expect(r.targets.dense3.message).toBe('[w] has 5 samples but other bound data has 10');
    doc = bind(example('two-tower'), { input: b('x') }, { dense3: b('y', 'w') });
    r = bindingProblems(doc, inferShapes(doc), TWO_TOWER);
    expect(r.targets.dense3.message).toBe(
      '[y, w] combines arrays with different sample counts (10 and 5)',
    );
  });

  it('asks sparse categorical crossentropy for one class id per sample', () => {
    const doc = example('mnist-mlp');
    const inf = inferShapes(doc);
    const ok = bindingProblems(doc, inf, { images: [3, 28, 28], labels: [3] });
    expect(ok.ok).toBe(true);
    expect(ok.targets.dense_1.message).toBe(
      'output dense_1 (loss sparseCategoricalCrossentropy) expects one class id per sample; [labels] gives 1',
    );
    const wide = bindingProblems(doc, inf, { images: [3, 28, 28], labels: [3, 10] });
    expect(wide.targets.dense_1).toMatchObject({ ok: false, expected: 1, actual: 10 });
  });

  it('agrees with bindData on every binding of a few arrays', () => {
    const doc0 = example('two-tower');
    const shapes: Record<string, number[]> = { x: [4, 2], y: [4, 1], s: [4], m: [4, 3], q: [3, 1] };
    const arrays: ArraySet = Object.fromEntries(
      Object.entries(shapes).map(([k, s]) => [k, { shape: s, data: new Float32Array(sizeOf(s)) }]),
    );
    const choices: (string[] | null)[] = [null, ['x'], ['s', 's'], ['m'], ['y'], ['q'], ['gone']];
    let checked = 0;
    for (const input of choices)
      for (const target of choices) {
        const doc = bind(
          doc0,
          input ? { input: b(...input) } : {},
          target ? { dense3: b(...target) } : {},
        );
        const inf = inferShapes(doc);
        const report = bindingProblems(doc, inf, shapes);
        let threw = false;
        try {
          bindData(doc, inf, arrays);
        } catch {
          threw = true;
        }
        expect(report.ok, JSON.stringify({ input, target })).toBe(!threw);
        checked++;
      }
    expect(checked).toBe(49);
  });
});
