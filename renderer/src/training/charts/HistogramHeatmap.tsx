// One histogram-over-time heatmap (steps across, values up, colour = how many values fall in a
// bin at that step, scaled per step so every step's shape is visible). Painted on a canvas with
// one pixel per (sample, bin), outside React: the store is read once per animation frame after it
// changes; only the hover read-out is React state.
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { formatValue } from '../stepview/format.ts';
import { sequentialLut } from '../stepview/colors.ts';
import { getTraining, subscribeTraining, type TrainingState } from '../store.ts';
import { ascendingTail } from './gradNormData.ts';
import { histogramGrid, type HistogramGrid } from './histogramGrid.ts';

/** Which histogram of a parameter. */
export type HistogramQuantity = 'weight' | 'grad';

function gridFor(s: TrainingState, key: string, q: HistogramQuantity): HistogramGrid | null {
  const samples = [];
  for (const sample of ascendingTail(s.statsHistory)) {
    const p = sample.params[key];
    if (p) samples.push({ step: sample.step, hist: q === 'weight' ? p.weightHist : p.gradHist });
  }
  return samples.length ? histogramGrid(samples) : null;
}

function paint(canvas: HTMLCanvasElement, g: HistogramGrid): void {
  const w = g.steps.length;
  const h = g.bins;
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(w, h);
  const px = img.data;
  const lut = sequentialLut();
  for (let i = 0; i < w; i++) {
    const m = g.colMax[i];
    for (let j = 0; j < h; j++) {
      const v = g.values[i * h + j];
      if (!(v > 0) || !(m > 0)) continue;
      const k = Math.round(Math.sqrt(v / m) * 255) * 4;
      const o = ((h - 1 - j) * w + i) * 4;
      px[o] = lut[k];
      px[o + 1] = lut[k + 1];
      px[o + 2] = lut[k + 2];
      px[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** A heatmap of one parameter's weight or gradient histograms over the sampled steps. */
export function HistogramHeatmap({
  paramKey,
  quantity,
}: {
  paramKey: string;
  quantity: HistogramQuantity;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const hi = useRef<HTMLSpanElement>(null);
  const lo = useRef<HTMLSpanElement>(null);
  const first = useRef<HTMLSpanElement>(null);
  const last = useRef<HTMLSpanElement>(null);
  const zero = useRef<HTMLDivElement>(null);
  const grid = useRef<HistogramGrid | null>(null);
  const [hover, setHover] = useState<string | null>(null);

  useEffect(() => {
    let raf = 0;
    let seen: unknown = null;
    const draw = () => {
      raf = 0;
      const s = getTraining();
      const latest = s.statsHistory.at(-1) ?? null;
      if (latest === seen) return;
      seen = latest;
      const g = gridFor(s, paramKey, quantity);
      grid.current = g;
      if (!canvas.current) return;
      if (!g) {
        canvas.current.width = 0;
        for (const r of [hi, lo, first, last]) r.current!.textContent = '';
        zero.current!.style.display = 'none';
        return;
      }
      paint(canvas.current, g);
      hi.current!.textContent = formatValue(g.hi);
      lo.current!.textContent = formatValue(g.lo);
      first.current!.textContent = `step ${g.steps[0]}`;
      last.current!.textContent = `step ${g.steps[g.steps.length - 1]}`;
      const z = g.lo < 0 && g.hi > 0 ? (g.hi / (g.hi - g.lo)) * 100 : -1;
      zero.current!.style.display = z < 0 ? 'none' : '';
      zero.current!.style.top = `${z}%`;
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    const unsubscribe = subscribeTraining(schedule);
    schedule();
    return () => {
      cancelAnimationFrame(raf);
      unsubscribe();
    };
  }, [paramKey, quantity]);

  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const g = grid.current;
    if (!g) return setHover(null);
    const r = e.currentTarget.getBoundingClientRect();
    const i = Math.min(
      g.steps.length - 1,
      Math.floor(((e.clientX - r.left) / r.width) * g.steps.length),
    );
    const j = Math.min(
      g.bins - 1,
      g.bins - 1 - Math.floor(((e.clientY - r.top) / r.height) * g.bins),
    );
    if (i < 0 || j < 0) return setHover(null);
    const width = (g.hi - g.lo) / g.bins;
    const count = g.values[i * g.bins + j];
    setHover(
      `step ${g.steps[i]} · ${formatValue(g.lo + j * width)} … ${formatValue(g.lo + (j + 1) * width)}` +
        ` · ${count < 10 ? count.toFixed(1) : Math.round(count)} values`,
    );
  };

  const label = quantity === 'weight' ? 'Weights' : 'Gradients';
  return (
    <figure className="histo" data-quantity={quantity}>
      <figcaption className="histo__caption">
        {label}
        <span className="histo__hover" aria-live="polite">
          {hover}
        </span>
      </figcaption>
      <div className="histo__row">
        <div className="histo__yaxis">
          <span ref={hi} />
          <span ref={lo} />
        </div>
        <div className="histo__frame">
          <canvas
            ref={canvas}
            className="histo__canvas"
            aria-label={`${label} histograms of ${paramKey} over steps`}
            onMouseMove={onMove}
            onMouseLeave={() => setHover(null)}
          />
          <div ref={zero} className="histo__zero" />
        </div>
      </div>
      <div className="histo__xaxis">
        <span ref={first} />
        <span ref={last} />
      </div>
    </figure>
  );
}
