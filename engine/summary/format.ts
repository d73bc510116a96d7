// The plain text Keras 3 prints for `model.summary()`: the title, the rich table Keras builds in
// keras/src/utils/summary_utils.py (box HEAVY_HEAD, show_lines, one space of padding per side) and
// the totals lines. Column widths, word wrapping and "…" cropping follow rich's Table and Text
// exactly, so the output matches Keras character for character.
//
// Default line length: Keras uses min(88, terminal columns - 4) for sequential-like models and
// min(108, terminal columns - 4) otherwise. We assume a wide terminal (≥ 112 columns), i.e. 88 and
// 108. Pass `lineLength: 76` to get what Keras prints on an 80-column terminal (and in most docs).
import { LoomError } from '../errors.ts';
import { summaryTable } from './table.ts';
import type { SummaryAlign, SummaryModel, SummaryTable } from './types.ts';

/** Options of formatSummary, as in Keras's `model.summary(line_length=…)`. */
export interface FormatSummaryOptions {
  /** Total width of the table in characters; defaults to 88 (sequential-like) or 108. */
  lineLength?: number;
}

/** The exact text Keras 3 prints for `model.summary()` of this functional model (no final newline). */
export function formatSummary(model: SummaryModel, opts: FormatSummaryOptions = {}): string {
  return formatSummaryTable(summaryTable(model), opts);
}

/** Draws an already built summary table as Keras's plain text. */
export function formatSummaryTable(table: SummaryTable, opts: FormatSummaryOptions = {}): string {
  const lineLength = opts.lineLength ?? table.defaultLineLength;
  const widths = tableColumnWidths(kerasColumnWidths(table.positions, lineLength), lineLength);
  return [
    table.title,
    ...renderTable(table, widths),
    ` Total params: ${table.totals.total.text}`,
    ` Trainable params: ${table.totals.trainable.text}`,
    ` Non-trainable params: ${table.totals.nonTrainable.text}`,
  ].join('\n');
}

/** Keras's requested column widths: int(position × line_length) minus the previous edge. */
export function kerasColumnWidths(positions: readonly number[], lineLength: number): number[] {
  if (!Number.isInteger(lineLength) || lineLength < 1)
    throw new LoomError(
      'cli/usage',
      `the summary line length ${lineLength} is not a positive whole number`,
      { param: 'lineLength' },
      'Use a line length such as 88 or 108.',
    );
  const widths: number[] = [];
  let current = 0;
  for (const position of positions) {
    const width = Math.trunc(position * lineLength) - current;
    if (width < 4)
      throw new LoomError(
        'cli/usage',
        `a line length of ${lineLength} is too narrow to print the summary`,
        { param: 'lineLength' },
        'Use a line length of at least 40 characters.',
      );
    widths.push(width);
    current += width;
  }
  return widths;
}

/**
 * rich's Table._calculate_column_widths for fixed-width columns in a table of `tableWidth`:
 * widths include the two padding spaces, exclude the borders. Keras's widths plus padding never
 * fit, so rich takes the excess off every column evenly (ratio_reduce, Python rounding).
 */
export function tableColumnWidths(requested: readonly number[], tableWidth: number): number[] {
  const maxWidth = tableWidth - (requested.length + 1);
  let widths = requested.map((w) => Math.min(w + 2, maxWidth) || 1);
  const total = widths.reduce((a, b) => a + b, 0);
  if (total > maxWidth) {
    const ones = widths.map(() => 1);
    widths = ratioReduce(total - maxWidth, ones, widths, widths);
    widths = widths.map((w, i) => Math.min(requested[i] + 2, w) || 0);
  }
  return widths;
}

/** rich's ratio_reduce: takes `total` off `values` in proportion to `ratios`, capped by `maximums`. */
function ratioReduce(
  total: number,
  ratios: readonly number[],
  maximums: readonly number[],
  values: readonly number[],
): number[] {
  const live = ratios.map((r, i) => (maximums[i] ? r : 0));
  let totalRatio = live.reduce((a, b) => a + b, 0);
  if (!totalRatio) return values.slice();
  let remaining = total;
  return values.map((value, i) => {
    if (!live[i] || totalRatio <= 0) return value;
    const distributed = Math.min(maximums[i], pyRound((live[i] * remaining) / totalRatio));
    remaining -= distributed;
    totalRatio -= live[i];
    return value - distributed;
  });
}

/** Python's round() to an integer: halves go to the even neighbour. */
function pyRound(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function renderTable(table: SummaryTable, widths: readonly number[]): string[] {
  const rule = (left: string, line: string, cross: string, right: string) =>
    left + widths.map((w) => line.repeat(w)).join(cross) + right;
  const lines = [rule('┏', '━', '┳', '┓')];
  lines.push(...renderRow(table.header, widths, table.align, 'bottom', '┃'));
  lines.push(rule('┡', '━', '╇', '┩'));
  table.rows.forEach((row, i) => {
    if (i > 0) lines.push(rule('├', '─', '┼', '┤'));
    lines.push(...renderRow(row.cells, widths, table.align, 'top', '│'));
  });
  lines.push(rule('└', '─', '┴', '┘'));
  return lines;
}

/** One table row, possibly several lines high; headers sit at the bottom, body cells at the top. */
function renderRow(
  cells: readonly string[],
  widths: readonly number[],
  align: readonly SummaryAlign[],
  vertical: 'top' | 'bottom',
  bar: string,
): string[] {
  const rendered = cells.map((cell, i) =>
    wrapCell(cell, Math.max(0, widths[i] - 2), align[i]).map((line) => ` ${line} `),
  );
  const height = Math.max(1, ...rendered.map((r) => r.length));
  const columns = rendered.map((lines, i) => {
    const blank = Array<string>(height - lines.length).fill(' '.repeat(widths[i]));
    return vertical === 'top' ? [...lines, ...blank] : [...blank, ...lines];
  });
  const out: string[] = [];
  for (let y = 0; y < height; y++) out.push(bar + columns.map((c) => c[y]).join(bar) + bar);
  return out;
}

/**
 * rich's Text.wrap with overflow "ellipsis": words move to the next line when they do not fit,
 * a word longer than the width gets a line of its own and is cut with "…". Every line returned is
 * exactly `width` cells wide.
 */
export function wrapCell(text: string, width: number, align: SummaryAlign): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.includes('\t') ? expandTabs(raw, 8) : raw;
    const offsets = [0, ...divideLine(line, width), line.length];
    for (let i = 0; i + 1 < offsets.length; i++) {
      let piece = rstripEnd(line.slice(offsets[i], offsets[i + 1]), width);
      if (align === 'left') piece = truncate(piece, width, true);
      else {
        piece = truncate(piece.replace(/\s+$/u, ''), width, false);
        piece = ' '.repeat(Math.max(0, width - cellLen(piece))) + piece;
      }
      out.push(setCellSize(truncate(piece, width, false), width));
    }
  }
  return out;
}

const WORD = /\s*\S+\s*/uy;

/** rich's divide_line without folding: string offsets where new lines start. */
function divideLine(text: string, width: number): number[] {
  const divides: number[] = [];
  let position = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const start = m.index;
    const word = m[0];
    const wordLength = cellLen(word.replace(/\s+$/u, ''));
    if (width - position >= wordLength) position += cellLen(word);
    else if (wordLength > width) {
      if (start) divides.push(start);
      position = cellLen(word);
    } else if (position && start) {
      divides.push(start);
      position = cellLen(word);
    }
  }
  return divides;
}

/** rich's Text.rstrip_end: drops trailing whitespace only as far as it exceeds `size` characters. */
function rstripEnd(text: string, size: number): string {
  const chars = Array.from(text);
  if (chars.length <= size) return text;
  const trailing = Array.from(/\s+$/u.exec(text)?.[0] ?? '').length;
  const crop = Math.min(trailing, chars.length - size);
  return chars.slice(0, chars.length - crop).join('');
}

/** rich's Text.truncate with overflow "ellipsis", optionally padding short text with spaces. */
function truncate(text: string, maxWidth: number, pad: boolean): string {
  const length = cellLen(text);
  if (length > maxWidth) return setCellSize(text, maxWidth - 1) + '…';
  if (pad && length < maxWidth) return text + ' '.repeat(maxWidth - length);
  return text;
}

/** Crops or pads text to exactly `total` cells; a wide character cut in half becomes a space. */
function setCellSize(text: string, total: number): string {
  if (total <= 0) return '';
  let size = 0;
  let out = '';
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0)!);
    if (size + w > total) return size < total ? out + ' '.repeat(total - size) : out;
    size += w;
    out += ch;
  }
  return out + ' '.repeat(total - size);
}

/** rich's Text.expand_tabs: tab stops counted in characters (not cells), as rich counts them. */
function expandTabs(text: string, tabSize: number): string {
  let out = '';
  let chars = 0;
  for (const ch of text) {
    const piece = ch === '\t' ? ' '.repeat(tabSize - (chars % tabSize)) : ch;
    out += piece;
    chars += ch === '\t' ? piece.length : 1;
  }
  return out;
}

/** Terminal cells a string occupies (rich's cell_len): wide East Asian characters take two. */
export function cellLen(text: string): number {
  let n = 0;
  for (const ch of text) n += charWidth(ch.codePointAt(0)!);
  return n;
}

// [first, last] code point ranges; a subset of the Unicode tables rich uses, covering control and
// combining characters (0 cells) and East Asian wide / fullwidth characters and emoji (2 cells).
const ZERO_WIDTH: readonly [number, number][] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x0300, 0x036f],
  [0x0483, 0x0489],
  [0x0591, 0x05bd],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x2064],
  [0x20d0, 0x20f0],
  [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f],
];
const DOUBLE_WIDTH: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

function charWidth(cp: number): number {
  if (cp >= 0x20 && cp < 0x7f) return 1;
  const within = (ranges: readonly [number, number][]) =>
    ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
  if (within(ZERO_WIDTH)) return 0;
  return within(DOUBLE_WIDTH) ? 2 : 1;
}
