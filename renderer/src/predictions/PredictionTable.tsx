// Predicted vs target for the first rows of a split: per output, the true class, predicted class
// and its probability (classifiers) or the target, prediction and error (regressions). Rows a
// classifier gets wrong are highlighted.
import {
  classLabel,
  formatRow,
  formatValue,
  inspectionRows,
  rowError,
  rowIsWrong,
  TABLE_ROWS,
  wrongAt,
  type OutputAnalysis,
} from './analyse.ts';

function headers(a: OutputAnalysis): string[] {
  if (a.classified) return ['true', 'predicted', 'probability'];
  return a.targets ? ['target', 'prediction', 'error'] : ['prediction'];
}

function cells(a: OutputAnalysis, i: number): string[] {
  if (a.classified) {
    const p = a.classified.probability[i];
    return [
      classLabel(a.classified.actual[i]),
      classLabel(a.classified.predicted[i]),
      Number.isFinite(p) ? p.toFixed(3) : '—',
    ];
  }
  if (!a.targets) return [formatRow(a.outputs, i)];
  const sameWidth = a.targets.width === a.outputs.width;
  return [
    formatRow(a.targets, i),
    formatRow(a.outputs, i),
    sameWidth ? formatValue(rowError(a.outputs, a.targets, i)) : '—',
  ];
}

/** The table of the first TABLE_ROWS rows. */
export function PredictionTable({ analyses }: { analyses: readonly OutputAnalysis[] }) {
  const n = Math.min(TABLE_ROWS, inspectionRows(analyses));
  const indices = Array.from({ length: n }, (_, i) => i);
  return (
    <table className="predictions__table" data-testid="prediction-table">
      <caption className="predictions__table-caption">
        First {n} rows{analyses.some((a) => a.classified) ? '; wrong predictions highlighted' : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col" rowSpan={2}>
            row
          </th>
          {analyses.map((a) => (
            <th key={a.id} scope="colgroup" colSpan={headers(a).length}>
              {a.name}
            </th>
          ))}
        </tr>
        <tr>
          {analyses.flatMap((a) =>
            headers(a).map((h) => (
              <th key={`${a.id}:${h}`} scope="col">
                {h}
              </th>
            )),
          )}
        </tr>
      </thead>
      <tbody>
        {indices.map((i) => {
          const wrong = rowIsWrong(analyses, i);
          return (
            <tr key={i} className={wrong ? 'is-wrong' : undefined} data-wrong={wrong}>
              <th scope="row">{i}</th>
              {analyses.flatMap((a) => {
                const bad = wrongAt(a, i);
                return cells(a, i).map((c, k) => (
                  <td key={`${a.id}:${k}`} className={bad && k === 1 ? 'is-bad' : undefined}>
                    {c}
                  </td>
                ));
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
