// Number formatting for the Step view and chart read-outs: four significant digits in the range
// people read comfortably, scientific notation outside it, and explicit signs for changes. The
// full-precision value always stays available (data-value attributes, hover read-outs).

/** A value with 4 significant digits (scientific for very small or large magnitudes). */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '-∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return v.toPrecision(4);
  return v.toExponential(2);
}

/** A short axis tick label: "0.5", "250", "1e-5", "2e+6". */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6)
    return v.toExponential(a.toExponential(0) === a.toExponential() ? 0 : 1);
  return String(Number(v.toPrecision(4)));
}

/** A change with an explicit sign: "+0.01234", "-1.20e-5", "0". */
export function formatDelta(v: number): string {
  const s = formatValue(v);
  return v > 0 ? `+${s}` : s;
}

/** A relative change as a signed percentage ("-3.2%"), or '' when unknown. */
export function formatPercent(r: number): string {
  if (!Number.isFinite(r)) return '';
  const p = r * 100;
  const digits = Math.abs(p) >= 10 ? 0 : Math.abs(p) >= 1 ? 1 : 2;
  return `${p > 0 ? '+' : ''}${p.toFixed(digits)}%`;
}

/** "784×512" for a shape ("scalar" for []). */
export function formatShape(shape: readonly number[]): string {
  return shape.length ? shape.join('×') : 'scalar';
}
