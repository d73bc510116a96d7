import { describe, expect, it } from 'vitest';
import { brief, formatTable, ratioFor, type Row } from './report.ts';

const row = (engine: string, workload: string, median: number, extra = {}): Row => ({
  engine,
  workload,
  median,
  min: median / 2,
  max: median * 2,
  steps: 30,
  warmup: 5,
  reduced: false,
  first: 1,
  ...extra,
});

const rows: Row[] = [
  row('Layerloom-WebGL', 'mlp', 10),
  row('Layerloom-CPU', 'mlp', 40),
  row('TF.js webgl', 'mlp', 20),
  row('TF.js wasm', 'mlp', 80),
  row('TF.js cpu', 'mlp', 400, { steps: 12, reduced: true }),
  { engine: 'Layerloom-WebGL', workload: 'matmul', skipped: 'no WebGL2\nmore detail' },
  row('TF.js webgl', 'matmul', 5),
];

describe('ratioFor', () => {
  it('divides the matching Layerloom median by the TF.js one', () => {
    expect(ratioFor(rows[2], rows)).toEqual({ ratio: 0.5, versus: 'Layerloom-WebGL' });
    expect(ratioFor(rows[3], rows)).toEqual({ ratio: 0.5, versus: 'Layerloom-CPU' });
    expect(ratioFor(rows[4], rows)).toEqual({ ratio: 0.1, versus: 'Layerloom-CPU' });
    expect(ratioFor(rows[0], rows)).toBeNull();
    expect(ratioFor(rows[6], rows)).toBeNull();
  });
});

describe('formatTable', () => {
  it('prints one aligned table with ratios, reduced steps and skipped pairs', () => {
    const lines = formatTable(rows).split('\n');
    expect(lines[0]).toMatch(
      /^workload\s+engine\s+median ms\s+min ms\s+max ms\s+steps\s+Layerloom ÷ TF.js$/,
    );
    expect(lines).toHaveLength(rows.length + 2);
    expect(lines[2]).toMatch(/^mlp\s+Layerloom-WebGL\s+10\.000\s+5\.000\s+20\.000\s+30$/);
    expect(lines[4]).toMatch(/^\s+TF.js webgl\s+20\.000 .* 0\.50 \(Layerloom-WebGL\)$/);
    expect(lines[6]).toMatch(/\s12\*\s+0\.10 \(Layerloom-CPU\)$/);
    expect(lines[7]).toMatch(/^matmul\s+Layerloom-WebGL\s+n\/a \(no WebGL2\)$/);
    const col = lines[0].indexOf('median ms') + 'median ms'.length;
    expect(lines[2].lastIndexOf('10.000') + '10.000'.length).toBe(col);
  });

  it('shortens long reasons to their first line', () => {
    expect(brief('x'.repeat(150))).toHaveLength(100);
    expect(brief('first\nsecond')).toBe('first');
  });
});
