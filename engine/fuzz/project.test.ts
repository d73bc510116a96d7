// Project documents (parseProjectText) on garbage text, mutated valid projects and structured
// garbage: only success or a LoomError, quickly; a parsed project also survives shape inference.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProjectText, serializeProject } from '../document/parse.ts';
import { inferShapes } from '../graph/infer.ts';
import { initialWeights } from '../session/weights.ts';
import { compile } from '../compile/compile.ts';
import {
  expectSomeErrors,
  mutated,
  newOutcomes,
  onlyLoomErrors,
  settings,
  structuredGarbage,
} from './harness.ts';

const twoTower = readFileSync(new URL('../../assets/examples/two-tower.loom', import.meta.url));
const linear = readFileSync(
  new URL('../../assets/examples/linear-regression.loom', import.meta.url),
);

/** Parses, then infers shapes: the path every opened project takes. */
function open(text: string): void {
  const p = parseProjectText(text, { file: 'fuzz.loom' });
  inferShapes(p);
}

const PROJECT_KEYS = [
  'schemaVersion',
  'name',
  'nodes',
  'edges',
  'training',
  'data',
  'weights',
  'id',
  'type',
  'params',
  'position',
  'x',
  'y',
  'source',
  'target',
  'node',
  'port',
  'shape',
  'values',
  'base64',
  'units',
  'axis',
  'rate',
  'Dense',
  'Input',
  'Concatenate',
  'out',
  'in',
  'in0',
  'in1',
  'losses',
  'optimizer',
  'kind',
  'inputs',
  'targets',
];

describe('fuzz: project JSON', () => {
  it('arbitrary text', () => {
    const out = newOutcomes();
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (t) => onlyLoomErrors(() => open(t), out)),
      settings(300),
    );
    expectSomeErrors(out);
  });

  it('mutated valid projects', () => {
    const out = newOutcomes();
    const dec = new TextDecoder();
    const files = fc.oneof(
      mutated(new Uint8Array(twoTower), 3),
      mutated(new Uint8Array(linear), 3),
    );
    fc.assert(
      fc.property(files, (b) => onlyLoomErrors(() => open(dec.decode(b)), out)),
      settings(400),
    );
    expectSomeErrors(out);
    expect(out.ok).toBeGreaterThan(0);
  });

  it('structured garbage with the schema keys', () => {
    const out = newOutcomes();
    const doc = fc.record(
      {
        schemaVersion: fc.constantFrom(1, 1, 1, 2, 0, '1'),
        nodes: fc.array(
          fc.record({
            id: fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor'),
            type: fc.constantFrom(
              'Input',
              'Dense',
              'Concatenate',
              'Add',
              'Dropout',
              'Flatten',
              'Activation',
              'Nope',
            ),
            name: fc.constantFrom('a', 'b', 'toString'),
            params: structuredGarbage(PROJECT_KEYS),
          }),
          { maxLength: 4 },
        ),
        edges: fc.array(
          fc.record({
            id: fc.string({ maxLength: 3 }),
            source: fc.record({
              node: fc.constantFrom('a', 'b', 'c'),
              port: fc.constantFrom('out', 'in'),
            }),
            target: fc.record({
              node: fc.constantFrom('a', 'b', 'c'),
              port: fc.constantFrom('in', 'in0', 'in1', 'in99', 'out'),
            }),
          }),
          { maxLength: 4 },
        ),
        weights: structuredGarbage(PROJECT_KEYS),
        training: structuredGarbage(PROJECT_KEYS),
        data: structuredGarbage(PROJECT_KEYS),
      },
      { requiredKeys: ['schemaVersion'] },
    );
    fc.assert(
      fc.property(doc, (d) => onlyLoomErrors(() => open(JSON.stringify(d)), out)),
      settings(400),
    );
    expectSomeErrors(out);
  });

  it('refuses deep nesting and huge text without recursion or allocation blow-up', () => {
    const out = newOutcomes();
    onlyLoomErrors(
      () => open('{"schemaVersion":1,"name":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}'),
      out,
    );
    onlyLoomErrors(
      () =>
        open('{"schemaVersion":1,"weights":{"a":{"k":{"shape":[1000000000000],"values":[1]}}}}'),
      out,
    );
    expect(out.loomError + out.ok).toBe(2);
  });

  it('__proto__ and constructor keys are harmless', () => {
    const text = JSON.stringify({
      schemaVersion: 1,
      nodes: [
        {
          id: 'constructor',
          type: 'Input',
          name: 'constructor',
          params: { shape: [2], constructor: { prototype: { hacked: 1 } } },
        },
        { id: 'toString', type: 'Dense', name: 'hasOwnProperty', params: { units: 1 } },
      ],
      edges: [
        {
          id: 'e',
          source: { node: 'constructor', port: 'out' },
          target: { node: 'toString', port: 'in' },
        },
      ],
      weights: { constructor: { prototype: { shape: [1], values: [1] } } },
      data: { inputs: { constructor: { arrays: ['x'] } }, targets: {} },
    }).replace(
      '"schemaVersion":1',
      '"schemaVersion":1,"__proto__":{"hacked":1},"training":{"__proto__":{"hacked":1}}',
    );
    const p = parseProjectText(text);
    expect(({} as Record<string, unknown>).hacked).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('hacked');
    const inf = inferShapes(p);
    expect(inf.valid).toBe(true);
    // Stored weights are looked up by node id and weight name; 'constructor' must not find Object.
    const program = compile(p, { mode: 'predict', batchSize: 1, inference: inf });
    const w = initialWeights(p, program.params);
    expect(w.initialised.sort()).toEqual(['toString/bias', 'toString/kernel']);
    expect(parseProjectText(serializeProject(p))).toEqual(p);
  });
});
