import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeIdx } from '../data/idx.ts';
import { writeNpy } from '../data/npy.ts';
import { parseProjectText } from '../document/parse.ts';
import { tensor } from '../tensor.ts';
import { main } from './main.ts';

const examples = new URL('../../assets/examples/', import.meta.url).pathname;

/** Runs the CLI in-process and captures its output. */
async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const out = { write: (s: string) => ((stdout += s), true) } as unknown as NodeJS.WriteStream;
  const err = { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WriteStream;
  const code = await main(argv, out, err);
  return { code, stdout, stderr };
}

/** The epoch losses printed by `train`. */
const losses = (stdout: string) =>
  [...stdout.matchAll(/ - loss: ([\d.e+-]+)/g)].map((m) => Number(m[1]));

describe('layerloom summary', () => {
  it('prints the two-tower summary with Keras counts', async () => {
    const { code, stdout } = await run('summary', join(examples, 'two-tower.loom'));
    expect(code).toBe(0);
    const params = [
      'input (InputLayer)',
      'dense1 (Dense)',
      'dense2 (Dense)',
      'concat (Concatenate)',
      'dense3 (Dense)',
    ].map((label) =>
      Number(
        stdout
          .split('\n')
          .find((l) => l.includes(label))!
          .split('│')[3]
          .trim()
          .replace(/,/g, ''),
      ),
    );
    expect(params).toEqual([0, 3, 6, 0, 4]);
    expect(stdout).toContain(' Total params: 13 (52.00 B)\n');
    expect(stdout).toContain(' Trainable params: 13 (52.00 B)\n');
    expect(stdout).toContain(' Non-trainable params: 0 (0.00 B)\n');
  });

  it('prints the MNIST MLP summary', async () => {
    const { stdout } = await run('summary', join(examples, 'mnist-mlp.loom'));
    for (const n of ['401,920', '5,130']) expect(stdout).toContain(` ${n} │`);
    expect(stdout).toMatch(/dropout \(Dropout\)\s+│ \(None, 512\)\s+│\s+0 │/);
    expect(stdout).toContain(' Total params: 407,050 (1.55 MB)\n');
  });

  it('explains an invalid model and a missing file with exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-'));
    const doc = JSON.parse(readFileSync(join(examples, 'two-tower.loom'), 'utf8'));
    doc.nodes[3].params.axis = 0;
    writeFileSync(join(dir, 'bad.loom'), JSON.stringify(doc));
    const bad = await run('summary', join(dir, 'bad.loom'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/concat/);
    const missing = await run('summary', join(dir, 'nope.loom'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.loom.*does not exist|does not exist.*nope\.loom/);
  });
});

describe('layerloom train', () => {
  it('trains linear regression for 100 epochs, lowering the loss, and writes the trained project', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'loom-')), 'trained.loom');
    const { code, stdout } = await run(
      'train',
      join(examples, 'linear-regression.loom'),
      '--epochs',
      '100',
      '--out',
      out,
    );
    expect(code).toBe(0);
    const l = losses(stdout);
    expect(l).toHaveLength(100);
    expect(stdout).toMatch(/^Epoch 1\/100$/m);
    expect(stdout).toMatch(/1\/1 ━{20} \d+m?s/);
    expect(l[99]).toBeLessThan(l[0]);
    const trained = parseProjectText(readFileSync(out, 'utf8'));
    expect(trained.weights!.dense.kernel.base64).toBeDefined();
    expect(readdirSync(join(out, '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('lowers the two-tower loss after one epoch', async () => {
    const { stdout } = await run('train', join(examples, 'two-tower.loom'), '--epochs', '2');
    const [first, second] = losses(stdout);
    expect(second).toBeLessThan(first);
  });

  it('reads features and targets from --x/--y files (CSV columns, .npy) with overrides', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-'));
    const csv = ['Hours,Scores', '2.5,21', '5.1,47', '3.2,27', '8.5,75', '3.5,30', '1.5,20'].join(
      '\n',
    );
    writeFileSync(join(dir, 'scores.csv'), csv);
    const fromCsv = await run(
      'train',
      join(examples, 'linear-regression.loom'),
      '--x',
      `${join(dir, 'scores.csv')}:Hours`,
      '--y',
      `${join(dir, 'scores.csv')}:Scores`,
      '--epochs',
      '3',
      '--batch-size',
      '2',
      '--seed',
      '5',
      '--no-shuffle',
    );
    expect(fromCsv.code).toBe(0);
    expect(fromCsv.stdout).toMatch(/^3\/3 /m);
    writeFileSync(join(dir, 'x.npy'), writeNpy(tensor([[1], [2], [3]])));
    writeFileSync(join(dir, 'y.npy'), writeNpy(tensor([[2], [4], [6]])));
    const fromNpy = await run(
      'train',
      join(examples, 'linear-regression.loom'),
      '--x',
      join(dir, 'x.npy'),
      '--y',
      join(dir, 'y.npy'),
    );
    expect(fromNpy.code).toBe(0);
    expect(losses(fromNpy.stdout).length).toBe(100);
  });

  it('reports val_ logs from --val-x/--val-y files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-'));
    writeFileSync(join(dir, 'x.npy'), writeNpy(tensor([[1], [2], [3], [4]])));
    writeFileSync(join(dir, 'y.npy'), writeNpy(tensor([[12], [22], [32], [42]])));
    writeFileSync(join(dir, 'vx.npy'), writeNpy(tensor([[5], [6]])));
    writeFileSync(join(dir, 'vy.npy'), writeNpy(tensor([[52], [62]])));
    const r = await run(
      'train',
      join(examples, 'linear-regression.loom'),
      '--x',
      join(dir, 'x.npy'),
      '--y',
      join(dir, 'y.npy'),
      '--val-x',
      join(dir, 'vx.npy'),
      '--val-y',
      join(dir, 'vy.npy'),
      '--epochs',
      '2',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      / - loss: [\d.]+ - mae: [\d.]+ - val_loss: [\d.]+ - val_mae: [\d.]+$/m,
    );
    expect(
      (await run('train', join(examples, 'linear-regression.loom'), '--val-x', join(dir, 'vx.npy')))
        .stderr,
    ).toMatch(/--val-y is needed/);
  });

  it('trains the MNIST MLP on IDX files, scaling pixels by 1/255', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-'));
    const n = 64;
    const images = new Float32Array(n * 784).map((_, i) => (i * 31) % 256);
    const labels = new Float32Array(n).map((_, i) => i % 10);
    writeFileSync(
      join(dir, 'images-idx3-ubyte'),
      writeIdx({ shape: [n, 28, 28], data: images }, 'ubyte'),
    );
    writeFileSync(join(dir, 'labels-idx1-ubyte'), writeIdx({ shape: [n], data: labels }, 'ubyte'));
    const r = await run(
      'train',
      join(examples, 'mnist-mlp.loom'),
      '--x',
      join(dir, 'images-idx3-ubyte'),
      '--y',
      join(dir, 'labels-idx1-ubyte'),
      '--epochs',
      '1',
      '--batch-size',
      '32',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/2\/2 .* - loss: [\d.]+ - accuracy: [\d.]+$/m);
  });

  it('rejects bad usage and bad files with typed, located messages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-'));
    writeFileSync(join(dir, 'bad-idx3-ubyte'), new Uint8Array([1, 2, 3, 4, 0, 0, 0, 1]));
    const lr = join(examples, 'linear-regression.loom');
    expect((await run('train', lr, '--epochs', 'lots')).stderr).toMatch(
      /--epochs needs a whole number/,
    );
    expect((await run('train', lr, '--bogus')).stderr).toMatch(/unknown option --bogus/);
    expect((await run('train', lr, '--x', join(dir, 'bad-idx3-ubyte'))).stderr).toMatch(
      /--y is missing/,
    );
    const idx = await run(
      'train',
      lr,
      '--x',
      join(dir, 'bad-idx3-ubyte'),
      '--y',
      join(dir, 'bad-idx3-ubyte'),
    );
    expect(idx.code).toBe(1);
    expect(idx.stderr).toMatch(/bad-idx3-ubyte/);
    expect(idx.stderr).toMatch(/not an IDX file: it starts with 01 02 03 04/);
    expect((await run('frobnicate')).code).toBe(2);
    expect(existsSync(join(dir, 'trained.loom'))).toBe(false);
  });
});
