// CSV reading: RFC 4180 fields (quotes, "" escapes, embedded newlines), CRLF, a BOM, and the
// delimiter (',' ';' or tab) detected from the header row. Numbers only: every chosen column must
// hold a finite number in every row, and anything else is an error naming the line and the column.
import { LoomError } from '../errors.ts';
import type { TensorData } from '../tensor.ts';
import { fileStem } from './dataset.ts';
import type { Dataset } from './dataset.ts';

/** Largest CSV text accepted, in characters. */
export const MAX_CSV_CHARS = 50 * 1024 * 1024;

/** A parsed CSV: rectangular rows of raw text cells. */
export interface ParsedCsv {
  /** Column names, trimmed; empty names become "Unnamed: i" and repeats "x.1" (as pandas). */
  header: string[];
  rows: string[][];
  /** The 1-based line in the file where each row starts (the header is usually line 1). */
  lines: number[];
  delimiter: ',' | ';' | '\t';
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

// A plain decimal number as written by spreadsheets, pandas and numpy.savetxt.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** Picks ',' ';' or tab: whichever occurs most often outside quotes in the first line. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  let comma = 0;
  let semi = 0;
  let tab = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '\n' || c === '\r') break;
    else if (c === ',') comma++;
    else if (c === ';') semi++;
    else if (c === '\t') tab++;
  }
  if (semi > comma && semi >= tab) return ';';
  if (tab > comma && tab > semi) return '\t';
  return ',';
}

/** Number of line breaks (LF, CRLF or a lone CR) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/** Parses CSV text into a header and rectangular rows; `file` is used in error messages. */
export function parseCsv(text: string, file: string): ParsedCsv {
  if (text.length > MAX_CSV_CHARS)
    throw new LoomError(
      'data/csv',
      `the file has ${text.length} characters, more than the ${MAX_CSV_CHARS} limit`,
      { file },
      'Use a smaller sample of the data, or convert it to .npy.',
    );
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  const delim = delimiter.charCodeAt(0);
  const records: string[][] = [];
  const starts: number[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    // Blank lines (empty or spaces only) are skipped, as pandas does.
    let j = i;
    while (j < n && text.charCodeAt(j) === SPACE) j++;
    if (j >= n) break;
    const c0 = text.charCodeAt(j);
    if (c0 === LF || c0 === CR) {
      i = c0 === CR && text.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
      line++;
      continue;
    }
    const rowLine = line;
    const row: string[] = [];
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === QUOTE) {
        field = '';
        let start = i + 1;
        let k = start;
        for (;;) {
          const q = text.indexOf('"', k);
          if (q < 0)
            throw new LoomError(
              'data/csv',
              'a quoted field is never closed',
              { file, row: rowLine, column: row.length + 1 },
              'Add the closing quote (") or remove the opening one.',
            );
          line += countLineBreaks(text, k, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            field += text.slice(start, q + 1);
            k = start = q + 2;
            continue;
          }
          field += text.slice(start, q);
          i = q + 1;
          break;
        }
        const c = text.charCodeAt(i);
        if (i < n && c !== delim && c !== LF && c !== CR)
          throw new LoomError(
            'data/csv',
            `unexpected text after a closing quote: '${text.slice(i, i + 10)}'`,
            { file, row: rowLine, column: row.length + 1 },
            'Quote the whole field and write a quote inside it as "".',
          );
      } else {
        let k = i;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === delim || c === LF || c === CR) break;
          k++;
        }
        field = text.slice(i, k);
        i = k;
      }
      row.push(field);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    records.push(row);
    starts.push(rowLine);
  }
  if (records.length === 0)
    throw new LoomError(
      'data/csv',
      'the file is empty',
      { file },
      'A CSV file needs a header row with the column names, then one row per sample.',
    );
  const header = uniqueNames(records[0]);
  const rows = records.slice(1);
  const lines = starts.slice(1);
  for (let r = 0; r < rows.length; r++)
    if (rows[r].length !== header.length)
      throw new LoomError(
        'data/csv',
        `the row has ${rows[r].length} fields but the header has ${header.length}`,
        { file, row: lines[r] },
        'Give every row one value per column (check for a missing or extra delimiter).',
      );
  return { header, rows, lines, delimiter };
}

/** Trims names, names empty ones "Unnamed: i" and renames repeats "x.1", "x.2" (as pandas). */
function uniqueNames(raw: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((cell, i) => {
    const base = cell.trim() || `Unnamed: ${i}`;
    let name = base;
    for (let k = 1; seen.has(name); k++) name = `${base}.${k}`;
    seen.add(name);
    return name;
  });
}

/** Parses CSV text and converts the chosen columns (default: all) to float32 arrays of shape [N]. */
export function csvToDataset(text: string, file: string, columns?: string[]): Dataset {
  const csv = parseCsv(text, file);
  const chosen = columns ?? csv.header;
  for (const name of chosen)
    if (!csv.header.includes(name))
      throw new LoomError(
        'data/csv',
        `there is no column '${name}'`,
        { file, column: name },
        `Choose one of the columns in the file: ${csv.header.join(', ')}.`,
      );
  if (csv.rows.length === 0)
    throw new LoomError(
      'data/csv',
      'the file has a header row but no data rows',
      { file },
      'Add one row per sample below the header.',
    );
  const arrays: Record<string, TensorData> = {};
  const dtypes: Record<string, string> = {};
  for (const name of chosen) {
    const col = csv.header.indexOf(name);
    const data = new Float32Array(csv.rows.length);
    let integral = true;
    for (let r = 0; r < csv.rows.length; r++) {
      const cell = csv.rows[r][col].trim();
      data[r] = parseCell(cell, { file, row: csv.lines[r], column: name }, csv.delimiter);
      if (integral && !INTEGER.test(cell)) integral = false;
    }
    arrays[name] = { shape: [csv.rows.length], data };
    dtypes[name] = integral ? 'int64' : 'float64';
  }
  return { name: fileStem(file), source: file, arrays, columns: [...chosen], dtypes };
}

/** One trimmed cell as a finite float32, or a LoomError at `where`. */
function parseCell(
  cell: string,
  where: { file: string; row: number; column: string },
  delimiter: string,
): number {
  if (cell === '')
    throw new LoomError(
      'data/csv',
      'empty cell in a numeric column',
      where,
      'Fill in the cell or leave this column out of the binding.',
    );
  if (!NUMBER.test(cell)) {
    const shown = cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
    const decimalComma = delimiter === ';' && /^[+-]?\d*,\d+$/.test(cell);
    throw new LoomError(
      'data/csv',
      `text '${shown}' in a numeric column`,
      where,
      decimalComma
        ? "The file uses ',' as the decimal mark; save it with '.' as the decimal mark."
        : 'Fix the cell or leave this column out of the binding.',
    );
  }
  const v = Math.fround(Number(cell));
  if (!Number.isFinite(v))
    throw new LoomError(
      'data/csv',
      `the number ${cell} is too large for float32`,
      where,
      'Rescale the column (e.g. to other units) or leave it out of the binding.',
    );
  return v;
}
