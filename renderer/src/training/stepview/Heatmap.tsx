// A large tensor as a heatmap: one canvas pixel per value (rows × cols), painted in one pass over
// the array with a diverging colour table, then scaled with CSS. Hovering reads back the exact
// value under the pointer (row, col, value); a colour bar shows the ± range.
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { lutGradient, paintDiverging } from './colors.ts';
import { formatValue } from './format.ts';
import type { MatrixTableProps } from './MatrixTable.tsx';
import { heatmapSize } from './stats.ts';

/** Props of a tensor heatmap: a matrix table's (role is its data-heatmap attribute), plus… */
export interface HeatmapProps extends MatrixTableProps {
  /** A 1-D tensor: the read-out says "index i" instead of "row, col". */
  vector?: boolean;
}

interface Hover {
  text: string;
  x: number;
  y: number;
}

/** A rows × cols heatmap of `values` with a hover read-out and a colour bar. */
export function Heatmap({ caption, values, rows, cols, role, scale, lut, vector }: HeatmapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    c.width = cols;
    c.height = rows;
    const img = ctx.createImageData(cols, rows);
    paintDiverging(values.subarray(0, rows * cols), scale, lut, img.data);
    ctx.putImageData(img, 0, 0);
  }, [values, rows, cols, scale, lut]);

  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const col = Math.min(cols - 1, Math.max(0, Math.floor((x / r.width) * cols)));
    const row = Math.min(rows - 1, Math.max(0, Math.floor((y / r.height) * rows)));
    const v = values[row * cols + col];
    const where = vector ? `index ${col}` : `row ${row}, col ${col}`;
    setHover({ text: `${where}: ${Number.isFinite(v) ? v.toPrecision(6) : String(v)}`, x, y });
  };

  const size = heatmapSize(rows, cols);
  return (
    <figure className="stepview__quantity" data-heatmap={role} data-rows={rows} data-cols={cols}>
      <figcaption>{caption}</figcaption>
      <div className="heatmap">
        <canvas
          ref={canvas}
          className="heatmap__canvas"
          style={{ width: size.width, height: size.height }}
          aria-label={`${caption}: ${rows}×${cols} heatmap`}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
        {hover && (
          <div
            className="heatmap__tip"
            role="status"
            style={{ left: hover.x + 12, top: hover.y + 12 }}
          >
            {hover.text}
          </div>
        )}
      </div>
      <div className="heatmap__bar">
        <span>{formatValue(-scale)}</span>
        <span className="heatmap__ramp" style={{ background: lutGradient(lut) }} />
        <span>{formatValue(scale)}</span>
      </div>
    </figure>
  );
}
