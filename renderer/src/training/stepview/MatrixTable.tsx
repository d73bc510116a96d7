// A small tensor as a table of numbers laid out like its matrix (rows × cols), each cell tinted on
// the quantity's diverging colour scale. Every cell carries its exact value (data-value) for tests
// and for the tooltip; the text shows 4 significant digits.
import { darkTextOn, divergingIndex, lutCss } from './colors.ts';
import { formatValue } from './format.ts';

/** Props of a numeric matrix table. */
export interface MatrixTableProps {
  caption: string;
  values: Float32Array;
  rows: number;
  cols: number;
  /** data-role of every cell: 'before' | 'grad' | 'update' | 'after'. */
  role: string;
  /** ± range of the colour scale. */
  scale: number;
  lut: Uint8ClampedArray;
}

/** The values of a tensor with at most a few dozen entries, as a rows × cols table. */
export function MatrixTable({ caption, values, rows, cols, role, scale, lut }: MatrixTableProps) {
  const body = [];
  for (let r = 0; r < rows; r++) {
    const cells = [];
    for (let c = 0; c < cols; c++) {
      const v = values[r * cols + c];
      const k = divergingIndex(v, scale);
      cells.push(
        <td
          key={c}
          data-role={role}
          data-value={String(v)}
          title={`row ${r}, col ${c}: ${String(v)}`}
          style={{
            background: lutCss(lut, k),
            color: darkTextOn(lut, k) ? '#111' : '#f4f4f4',
          }}
        >
          {formatValue(v)}
        </td>,
      );
    }
    body.push(<tr key={r}>{cells}</tr>);
  }
  return (
    <figure className="stepview__quantity" data-quantity={role}>
      <figcaption>{caption}</figcaption>
      <table className="matrix">
        <tbody>{body}</tbody>
      </table>
    </figure>
  );
}
