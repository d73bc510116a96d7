// Model importers — TF.js model.json (+ shards) and Keras .keras archives — on garbage text,
// mutated valid files and structured garbage built from Keras's own keys: only success or a
// LoomError, quickly, with no prototype pollution.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProjectText } from '../document/parse.ts';
import { exportProject } from '../export/index.ts';
import { importKerasArchive } from '../import/keras.ts';
import { importTfjsModel } from '../import/tfjs.ts';
import {
  expectSomeErrors,
  mutated,
  newOutcomes,
  onlyLoomErrors,
  onlyLoomErrorsAsync,
  settings,
  structuredGarbage,
} from './harness.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../import/fixtures/${name}`, import.meta.url));
const sequential = new Uint8Array(fixture('sequential.model.json'));
// 4×3 + 3 + 3×2 float32 values: the sequential fixture's weights.
const shards = { 'weights.bin': new Uint8Array(84) };

const KERAS_KEYS = [
  'class_name',
  'config',
  'name',
  'layers',
  'inbound_nodes',
  'input_layers',
  'output_layers',
  'units',
  'activation',
  'use_bias',
  'rate',
  'seed',
  'axis',
  'batch_input_shape',
  'batch_shape',
  'dtype',
  'args',
  'kwargs',
  'keras_history',
  '__keras_tensor__',
  'Dense',
  'InputLayer',
  'Concatenate',
  'Add',
  'Dropout',
  'Flatten',
  'Activation',
  'Functional',
  'Sequential',
  'Model',
  'model_config',
  'kernel_initializer',
  'weightsManifest',
  'paths',
  'weights',
  'shape',
  'float32',
  'relu',
  'trainable',
  'noise_shape',
];

/** A small functional topology whose layer entries are partly garbage. */
const topology = fc.record({
  class_name: fc.constantFrom('Functional', 'Model', 'Sequential', 'Other'),
  config: fc.record(
    {
      name: fc.constantFrom('m', '__proto__', ''),
      layers: fc.array(
        fc.oneof(
          fc.record(
            {
              class_name: fc.constantFrom(
                'InputLayer',
                'Dense',
                'Concatenate',
                'Add',
                'Dropout',
                'Flatten',
                'Activation',
                'Conv2D',
              ),
              name: fc.constantFrom('a', 'b', 'c', 'constructor', '__proto__'),
              config: fc.oneof(
                fc.record(
                  {
                    name: fc.constantFrom('a', 'b', 'c'),
                    units: fc.constantFrom(1, 2, 0, 2 ** 31, 1e300),
                    batch_input_shape: fc.constantFrom(
                      [null, 2],
                      [null, 2, 3],
                      [1, 2],
                      [null, 0],
                      null,
                    ),
                    activation: fc.constantFrom('relu', 'elu', null),
                    rate: fc.constantFrom(0.5, 1, -1),
                  },
                  { requiredKeys: [] },
                ),
                structuredGarbage(KERAS_KEYS),
              ),
              inbound_nodes: fc.oneof(
                fc.constant([]),
                fc.array(
                  fc.array(
                    fc.tuple(
                      fc.constantFrom('a', 'b', 'c', 'z'),
                      fc.constantFrom(0, 1),
                      fc.constantFrom(0, 1),
                      fc.constant({}),
                    ),
                    { maxLength: 3 },
                  ),
                  { maxLength: 2 },
                ),
                fc.constantFrom('a', 'b', 'c').map((n) => [
                  {
                    args: [
                      { class_name: '__keras_tensor__', config: { keras_history: [n, 0, 0] } },
                    ],
                    kwargs: {},
                  },
                ]),
                structuredGarbage(KERAS_KEYS),
              ),
            },
            { requiredKeys: ['class_name', 'config'] },
          ),
          structuredGarbage(KERAS_KEYS),
        ),
        { maxLength: 4 },
      ),
      input_layers: fc.oneof(
        fc.constant([['a', 0, 0]]),
        fc.constant(['a', 0, 0]),
        structuredGarbage(KERAS_KEYS),
      ),
      output_layers: fc.oneof(
        fc.constant([['c', 0, 0]]),
        fc.constant([['b', 0, 0]]),
        structuredGarbage(KERAS_KEYS),
      ),
    },
    { requiredKeys: [] },
  ),
});

describe('fuzz: TF.js model.json importer', () => {
  it('arbitrary text and bytes', () => {
    const out = newOutcomes();
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.uint8Array({ maxLength: 80 })), (t) =>
        onlyLoomErrors(() => importTfjsModel(t, shards), out),
      ),
      settings(300),
    );
    expectSomeErrors(out);
  });

  it('mutated valid model.json and shards', () => {
    const out = newOutcomes();
    fc.assert(
      fc.property(mutated(sequential, 3), fc.uint8Array({ maxLength: 80 }), (json, bin) => {
        onlyLoomErrors(() => importTfjsModel(json, shards), out);
        onlyLoomErrors(() => importTfjsModel(sequential, { 'weights.bin': bin }), out);
      }),
      settings(300),
    );
    expectSomeErrors(out);
    expect(out.ok).toBeGreaterThan(0);
  });

  it('structured topologies and manifests', () => {
    const out = newOutcomes();
    const manifest = fc.oneof(
      fc.constant(undefined),
      fc.array(
        fc.record({
          paths: fc.oneof(fc.constant(['weights.bin']), structuredGarbage(KERAS_KEYS)),
          weights: fc.array(
            fc.record({
              name: fc.constantFrom('a/kernel', 'b/kernel', 'b/bias', 'constructor/kernel'),
              shape: fc.oneof(
                fc.array(fc.oneof(fc.nat(3), fc.constantFrom(2 ** 31, -1, 1e300)), {
                  maxLength: 3,
                }),
                structuredGarbage([]),
              ),
              dtype: fc.constantFrom('float32', 'int32'),
            }),
            { maxLength: 3 },
          ),
        }),
        { maxLength: 2 },
      ),
    );
    fc.assert(
      fc.property(topology, manifest, fc.boolean(), (t, m, wrap) => {
        const doc = {
          format: 'layers-model',
          modelTopology: wrap ? { model_config: t } : t,
          weightsManifest: m,
        };
        onlyLoomErrors(() => importTfjsModel(JSON.stringify(doc), shards), out);
      }),
      settings(500),
    );
    expectSomeErrors(out);
    expect(Object.prototype).not.toHaveProperty('kernel');
    expect(({} as Record<string, unknown>).units).toBeUndefined();
  });
});

describe('fuzz: .keras importer', () => {
  let valid: Uint8Array;
  let files: Record<string, Uint8Array>;
  beforeAll(async () => {
    const p = parseProjectText(
      readFileSync(new URL('../../assets/examples/two-tower.loom', import.meta.url), 'utf8'),
    );
    const out = await exportProject(p, 'keras', { date: new Date(Date.UTC(2026, 0, 1)) });
    if (out.kind !== 'file') throw new Error('keras exports one file');
    valid = out.bytes;
    files = unzipSync(valid);
  });

  it('mutated archives', async () => {
    const out = newOutcomes();
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const [bytes] = fc.sample(mutated(valid, 3), { seed, numRuns: 1 });
        await onlyLoomErrorsAsync(() => importKerasArchive(bytes), out);
      }),
      settings(150),
    );
    expectSomeErrors(out);
  });

  it('refuses entries declaring more bytes than they can inflate to, before inflating', async () => {
    const zip = zipSync(
      { 'config.json': files['config.json'], 'model.weights.h5': files['model.weights.h5'] },
      { level: 6 },
    );
    // Patch the last central directory record: model.weights.h5's, under its 2 GiB limit.
    const view = new DataView(zip.buffer);
    let last = -1;
    for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === 0x02014b50) last = i;
    view.setUint32(last + 24, 2 ** 31 - 1, true);
    await expect(importKerasArchive(zip)).rejects.toThrow(
      /declares 2147483647 bytes, more than its/,
    );
  });

  it('mutated model.weights.h5 inside a valid archive', async () => {
    const out = newOutcomes();
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const [h5] = fc.sample(mutated(files['model.weights.h5'], 4), { seed, numRuns: 1 });
        const zip = zipSync(
          { 'config.json': files['config.json'], 'model.weights.h5': h5 },
          { level: 0 },
        );
        await onlyLoomErrorsAsync(() => importKerasArchive(zip), out);
      }),
      settings(150),
    );
    expectSomeErrors(out);
  });

  it('structured config.json', async () => {
    const out = newOutcomes();
    await fc.assert(
      fc.asyncProperty(topology, async (t) => {
        const zip = zipSync(
          {
            'config.json': new TextEncoder().encode(JSON.stringify(t)),
            'model.weights.h5': files['model.weights.h5'],
          },
          { level: 0 },
        );
        await onlyLoomErrorsAsync(() => importKerasArchive(zip), out);
      }),
      settings(200),
    );
    expectSomeErrors(out);
  });
});
