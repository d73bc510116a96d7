import { describe, it, expect } from 'vitest';
import { LoomError } from '../errors.ts';
import { MAX_CSV_CHARS, csvToDataset, detectDelimiter, parseCsv } from './csv.ts';

function loomError(fn: () => unknown): LoomError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoomError) return e;
    throw e;
  }
  throw new Error('expected a LoomError');
}

describe('parseCsv', () => {
  it('reads a header and rows', () => {
    const csv = parseCsv('Hours,Scores\n2.5,21\n5.1,47\n', 'scores.csv');
    expect(csv.header).toEqual(['Hours', 'Scores']);
    expect(csv.rows).toEqual([
      ['2.5', '21'],
      ['5.1', '47'],
    ]);
    expect(csv.lines).toEqual([2, 3]);
    expect(csv.delimiter).toBe(',');
  });

  it('detects semicolon and tab delimiters from the header', () => {
    expect(parseCsv('a;b\n1;2', 'f.csv').rows).toEqual([['1', '2']]);
    expect(parseCsv('a\tb\n1\t2', 'f.tsv').rows).toEqual([['1', '2']]);
    expect(detectDelimiter('"x,y";z;w\n1,2;3;4')).toBe(';');
    expect(detectDelimiter('single\n1')).toBe(',');
  });

  it('handles quotes, "" escapes, embedded newlines and CRLF', () => {
    const text = 'name,"note, with comma"\r\n"say ""hi""","line one\r\nline two"\r\nplain,x\r\n';
    const csv = parseCsv(text, 'q.csv');
    expect(csv.header).toEqual(['name', 'note, with comma']);
    expect(csv.rows).toEqual([
      ['say "hi"', 'line one\r\nline two'],
      ['plain', 'x'],
    ]);
    // The quoted field spans lines 2–3, so the next row starts on line 4.
    expect(csv.lines).toEqual([2, 4]);
  });

  it('drops a BOM and skips blank lines, including a trailing one', () => {
    const csv = parseCsv('\uFEFFa,b\n1,2\n\n3,4\n\n', 'b.csv');
    expect(csv.header).toEqual(['a', 'b']);
    expect(csv.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(csv.lines).toEqual([2, 4]);
  });

  it('names empty header cells and renames repeats as pandas does', () => {
    expect(parseCsv(',x, x ,y\n0,1,2,3', 'p.csv').header).toEqual(['Unnamed: 0', 'x', 'x.1', 'y']);
  });

  it('rejects a ragged row with its line number', () => {
    const e = loomError(() => parseCsv('a,b\n1,2\n3\n', 'r.csv'));
    expect(e.code).toBe('data/csv');
    expect(e.where).toEqual({ file: 'r.csv', row: 3 });
    expect(e.what).toContain('1 fields but the header has 2');
  });

  it('rejects an unclosed quote and text after a closing quote', () => {
    const open = loomError(() => parseCsv('a,b\n1,"2\n', 'u.csv'));
    expect(open.code).toBe('data/csv');
    expect(open.where).toMatchObject({ row: 2, column: 2 });
    const after = loomError(() => parseCsv('a,b\n"1"x,2\n', 'u.csv'));
    expect(after.where).toMatchObject({ row: 2, column: 1 });
  });

  it('rejects an empty file and text over 50 MB', () => {
    expect(loomError(() => parseCsv('', 'e.csv')).what).toBe('the file is empty');
    const big = loomError(() => parseCsv('a'.repeat(MAX_CSV_CHARS + 1), 'big.csv'));
    expect(big.code).toBe('data/csv');
    expect(big.what).toContain(String(MAX_CSV_CHARS + 1));
  });
});

describe('csvToDataset', () => {
  it('converts every column to a float32 array of shape [N]', () => {
    const ds = csvToDataset('Hours,Scores\n2.5,21\n5.1,47\n-1e-1,+3\n', 'data/scores.csv');
    expect(ds.name).toBe('scores');
    expect(ds.source).toBe('data/scores.csv');
    expect(ds.columns).toEqual(['Hours', 'Scores']);
    expect(ds.arrays.Hours.shape).toEqual([3]);
    expect(Array.from(ds.arrays.Hours.data)).toEqual([
      Math.fround(2.5),
      Math.fround(5.1),
      Math.fround(-0.1),
    ]);
    expect(Array.from(ds.arrays.Scores.data)).toEqual([21, 47, 3]);
    expect(ds.dtypes).toEqual({ Hours: 'float64', Scores: 'int64' });
  });

  it('converts only the chosen columns, so a text column can be left out', () => {
    const ds = csvToDataset('name,x\nann,1\nbob,2\n', 'n.csv', ['x']);
    expect(Object.keys(ds.arrays)).toEqual(['x']);
    expect(ds.columns).toEqual(['x']);
    expect(Array.from(ds.arrays.x.data)).toEqual([1, 2]);
  });

  it('trims spaces around numbers and reads quoted numbers', () => {
    const ds = csvToDataset('a;b\n 1 ;"2.5"\n', 's.csv');
    expect(Array.from(ds.arrays.a.data)).toEqual([1]);
    expect(Array.from(ds.arrays.b.data)).toEqual([2.5]);
  });

  it('reports a text cell with its line number and column name', () => {
    const text = 'x,label\n1,"multi\nline"\n2,3\n4,abc\n';
    const e = loomError(() => csvToDataset(text, 'bad.csv', ['x', 'label']));
    expect(e.code).toBe('data/csv');
    // Header line 1, a row over lines 2–3 whose label is text: the first bad cell is on line 2.
    expect(e.where).toEqual({ file: 'bad.csv', row: 2, column: 'label' });
    expect(e.what).toContain("'multi\nline'");
    expect(e.fix).toBe('Fix the cell or leave this column out of the binding.');
    const later = loomError(() => csvToDataset('x,label\n1,2\n2,3\n4,abc\n', 'bad.csv'));
    expect(later.where).toEqual({ file: 'bad.csv', row: 4, column: 'label' });
    expect(later.what).toBe("text 'abc' in a numeric column");
    expect(later.message).toContain("row 4, column 'label'");
  });

  it('reports an empty cell', () => {
    const e = loomError(() => csvToDataset('a,b\n1,2\n3,\n', 'e.csv'));
    expect(e.code).toBe('data/csv');
    expect(e.where).toEqual({ file: 'e.csv', row: 3, column: 'b' });
    expect(e.what).toContain('empty cell');
  });

  it('refuses NaN, infinities and numbers beyond float32', () => {
    expect(loomError(() => csvToDataset('a\nNaN\n', 'n.csv')).what).toContain("'NaN'");
    expect(loomError(() => csvToDataset('a\ninf\n', 'n.csv')).what).toContain("'inf'");
    expect(loomError(() => csvToDataset('a\n1e39\n', 'n.csv')).what).toContain('too large');
  });

  it('explains a decimal comma in a semicolon file', () => {
    const e = loomError(() => csvToDataset('a;b\n1,5;2\n', 'de.csv'));
    expect(e.where).toMatchObject({ row: 2, column: 'a' });
    expect(e.fix).toContain('decimal mark');
  });

  it('lists the available columns when a requested one is missing', () => {
    const e = loomError(() => csvToDataset('Hours,Scores\n1,2\n', 'm.csv', ['hours']));
    expect(e.code).toBe('data/csv');
    expect(e.where).toEqual({ file: 'm.csv', column: 'hours' });
    expect(e.fix).toContain('Hours, Scores');
  });

  it('rejects a header without data rows', () => {
    expect(loomError(() => csvToDataset('a,b\n', 'h.csv')).what).toContain('no data rows');
  });
});
