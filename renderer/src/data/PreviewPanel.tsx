// The preview column of the Data tab: the first rows, per-column statistics, and thumbnails of
// image-like arrays, switched with a small segmented control (kept in the data store, so it
// survives tab switches; an import of images switches to them).
import { useMemo } from 'react';
import { formatValue, previewTable } from '../../../engine/data/preview.ts';
import { useInference, useProject } from '../state/store.ts';
import { setImportState, useDataState, type PreviewMode } from './dataStore.ts';
import type { SourceView } from './sourceView.ts';
import { ThumbnailGrid } from './ThumbnailGrid.tsx';

type Mode = PreviewMode;
const ROWS = 20;

const stat = (v: number) => (Number.isNaN(v) ? '—' : formatValue(v));

/** The first values of the target bound to the only output, when it is one column (for captions). */
function useLabels(view: SourceView): string[] | undefined {
  const doc = useProject();
  const inf = useInference();
  if (inf.outputs.length !== 1) return undefined;
  const b = doc.data.targets[inf.outputs[0]];
  if (!b || b.arrays.length !== 1) return undefined;
  const a = view.arrays.find((x) => x.name === b.arrays[0]);
  return a && a.width === 1 ? a.columns[0].cells : undefined;
}

/** Rows, statistics and images of the current source. */
export function PreviewPanel({ view }: { view: SourceView }) {
  const mode = useDataState((s) => s.previewMode);
  const setMode = (previewMode: Mode) => setImportState({ previewMode });
  const table = useMemo(() => previewTable(view.summaries, ROWS), [view.summaries]);
  const thumbs = view.summaries.flatMap((s) => s.thumbnails);
  const labels = useLabels(view);
  const shown = mode === 'images' && !thumbs.length ? 'rows' : mode;
  if (!view.arrays.length)
    return (
      <p className="data-tab__hint data-preview__empty">
        {view.missing.length
          ? `Import ${view.missing.join(' and ')} to preview the data.`
          : 'Choose a dataset or import files to see a preview.'}
      </p>
    );
  const modes: [Mode, string][] = [
    ['rows', 'Rows'],
    ['stats', 'Statistics'],
    ...(thumbs.length ? ([['images', 'Images']] as [Mode, string][]) : []),
  ];
  return (
    <>
      <div className="data-preview__bar">
        <h3 className="data-tab__heading">Preview</h3>
        <div className="segmented" role="group" aria-label="Preview mode">
          {modes.map(([m, label]) => (
            <button key={m} type="button" aria-pressed={shown === m} onClick={() => setMode(m)}>
              {label}
            </button>
          ))}
        </div>
        <span className="data-tab__hint">
          {table.samples} sample{table.samples === 1 ? '' : 's'} ·{' '}
          {view.arrays.map((a) => `${a.name} [${a.shape.join(', ')}] ${a.dtype}`).join(' · ')}
        </span>
      </div>
      {shown === 'rows' && (
        <table className="data-table" aria-label="Data rows">
          <caption className="visually-hidden">
            The first {table.rows.length} of {table.samples} samples
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              {table.header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                <th scope="row">{i}</th>
                {row.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown === 'stats' && (
        <table className="data-table" aria-label="Column statistics">
          <thead>
            <tr>
              {['Column', 'Type', 'Count', 'Min', 'Max', 'Mean', 'Std', 'NaN'].map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.arrays.flatMap((a) =>
              a.columns.map((c) => (
                <tr key={c.label}>
                  <th scope="row">{c.label}</th>
                  <td>{a.dtype}</td>
                  <td>{c.stats.count}</td>
                  <td>{stat(c.stats.min)}</td>
                  <td>{stat(c.stats.max)}</td>
                  <td>{stat(c.stats.mean)}</td>
                  <td>{stat(c.stats.std)}</td>
                  <td className={c.stats.nan ? 'is-bad' : undefined}>{c.stats.nan}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      {shown === 'images' &&
        thumbs.map((t) => (
          <ThumbnailGrid
            key={t.array}
            thumbnails={t}
            samples={view.arrays.find((a) => a.name === t.array)?.samples ?? t.count}
            labels={labels}
          />
        ))}
    </>
  );
}
