// A grid of misclassified examples of one classifier output: their input rows (fetched from the
// session for just those indices) drawn as images when the Input is image-like, else listed as
// values, each captioned "true → predicted".
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../engine/errors.ts';
import type { WireRows } from '../../../engine/worker/protocol.ts';
import { training, type Inspection } from '../training/controller.ts';
import { classLabel, formatRow, type OutputAnalysis } from './analyse.ts';
import { toPixels, type ImageLayout } from './imageLayout.ts';

/** An Input of the model, and how to draw its rows (null: as values). */
export interface InputView {
  id: string;
  name: string;
  layout: ImageLayout | null;
}

/** Values listed per Input when rows are not images. */
const VALUES_SHOWN = 6;

function RowImage({ rows, index, layout }: { rows: WireRows; index: number; layout: ImageLayout }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const pixels = toPixels(rows.data, index * rows.width, layout);
    ctx.putImageData(new ImageData(pixels, layout.width, layout.height), 0, 0);
  }, [rows, index, layout]);
  return (
    <canvas
      ref={ref}
      className="misclassified__image"
      width={layout.width}
      height={layout.height}
      style={{ aspectRatio: `${layout.width} / ${layout.height}` }}
    />
  );
}

interface Fetched {
  key: string;
  inputs: Record<string, WireRows> | null;
  error: string | null;
}

/** The misclassified examples of `analysis` in the inspected split. */
export function Misclassified({
  inspection,
  analysis,
  inputs,
}: {
  inspection: Inspection;
  analysis: OutputAnalysis;
  inputs: readonly InputView[];
}) {
  const { wrong, classified } = analysis;
  const key = wrong.join(',');
  const [fetched, setFetched] = useState<Fetched | null>(null);
  useEffect(() => {
    if (!wrong.length) return;
    let live = true;
    training.rows(inspection.split, wrong).then(
      (rows) => live && setFetched({ key, inputs: rows, error: null }),
      (e: unknown) => live && setFetched({ key, inputs: null, error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
    // `key` stands for `wrong` (a new array on every analysis); a new inspection fetches again.
  }, [inspection, key]);
  if (!classified || !wrong.length) return null;
  const current = fetched?.key === key ? fetched : null;
  const image = inputs.find((i) => i.layout !== null);
  const rowsOf = (id: string) => current?.inputs?.[id];
  return (
    <section className="misclassified" aria-label={`Misclassified examples of ${analysis.name}`}>
      <h4 className="predictions__subtitle">
        Misclassified {wrong.length === 1 ? 'example' : `examples (first ${wrong.length})`}
      </h4>
      {current?.error && (
        <p className="predictions__error" role="alert">
          Could not load the input rows: {current.error}
        </p>
      )}
      <ul className="misclassified__grid" data-testid="misclassified">
        {wrong.map((row, k) => {
          const t = classLabel(classified.actual[row]);
          const p = classLabel(classified.predicted[row]);
          const prob = classified.probability[row];
          const imageRows = image ? rowsOf(image.id) : undefined;
          return (
            <li
              key={row}
              className="misclassified__item"
              data-row={row}
              title={`row ${row}: true ${t}, predicted ${p}${Number.isFinite(prob) ? ` (probability ${prob.toFixed(3)})` : ''}`}
            >
              {image?.layout && imageRows && imageRows.data.length >= (k + 1) * imageRows.width ? (
                <RowImage rows={imageRows} index={k} layout={image.layout} />
              ) : (
                !image &&
                current?.inputs && (
                  <dl className="misclassified__values">
                    {inputs.map((inp) => {
                      const r = rowsOf(inp.id);
                      return r && r.data.length >= (k + 1) * r.width ? (
                        <div key={inp.id}>
                          <dt>{inp.name}</dt>
                          <dd>{formatRow(r, k, VALUES_SHOWN)}</dd>
                        </div>
                      ) : null;
                    })}
                  </dl>
                )
              )}
              <span className="misclassified__caption">
                {t} → {p}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
