// A classifier's confusion matrix: counts with row = true class and column = predicted class,
// each cell shaded by its share of the largest count (the diagonal in the accent colour, mistakes
// in the danger colour), and the accuracy above it.
import type { Confusion } from '../../../engine/train/confusion.ts';
import { percent } from './analyse.ts';

/** Cells darker than this share of the largest count switch to light text. */
const DARK_CELL = 0.55;

/** The matrix and accuracy of one classifier output. */
export function ConfusionMatrix({ confusion, name }: { confusion: Confusion; name: string }) {
  const { counts, classes } = confusion;
  let largest = 0;
  for (const row of counts) for (const c of row) largest = Math.max(largest, c);
  const classIds = Array.from({ length: classes }, (_, k) => k);
  return (
    <figure className="confusion">
      <figcaption className="confusion__caption">
        <strong>Accuracy {percent(confusion.accuracy)}</strong> ({confusion.correct} of{' '}
        {confusion.total} rows)
        {confusion.invalid > 0 && (
          <span className="confusion__invalid">
            {' '}
            · {confusion.invalid} rows without a valid prediction or target are left out
          </span>
        )}
      </figcaption>
      <table
        className="confusion__table"
        data-testid="confusion-matrix"
        data-accuracy={confusion.accuracy}
        aria-label={`Confusion matrix of ${name}: rows are true classes, columns predicted classes`}
      >
        <thead>
          <tr>
            <th scope="col" className="confusion__corner">
              true ↓ / predicted →
            </th>
            {classIds.map((p) => (
              <th key={p} scope="col">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {classIds.map((t) => (
            <tr key={t}>
              <th scope="row">{t}</th>
              {classIds.map((p) => {
                const count = counts[t][p];
                const share = largest > 0 ? count / largest : 0;
                const tone = t === p ? 'var(--accent)' : 'var(--danger)';
                return (
                  <td
                    key={p}
                    data-true={t}
                    data-pred={p}
                    data-count={count}
                    className={`confusion__cell${share > DARK_CELL ? ' confusion__cell--dark' : ''}${count === 0 ? ' confusion__cell--zero' : ''}`}
                    style={{
                      background:
                        count > 0
                          ? `color-mix(in srgb, ${tone} ${Math.round(10 + share * 80)}%, transparent)`
                          : undefined,
                    }}
                    title={`true ${t}, predicted ${p}: ${count} rows`}
                  >
                    {count}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
