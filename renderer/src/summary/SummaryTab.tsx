// The Summary tab: the Keras model.summary() of the open document as a table, live on every edit.
// Rows select their layer on the canvas; "Copy as text" copies exactly what the CLI prints.
import { useEffect, useMemo, useState } from 'react';
import { formatSummary } from '../../../engine/summary/format.ts';
import { summaryTable } from '../../../engine/summary/table.ts';
import { ModelErrors } from '../inspector/ModelErrors.tsx';
import { actions, useEditor, useInference, useProject } from '../state/store.ts';

/** The summary panel. */
export function SummaryTab() {
  const inf = useInference();
  const doc = useProject();
  const selected = useEditor((s) => s.nodes);
  const [copied, setCopied] = useState<string | null>(null);
  const table = useMemo(() => (inf.summary ? summaryTable(inf.summary) : null), [inf.summary]);
  const idByName = useMemo(() => new Map(doc.nodes.map((n) => [n.name, n.id])), [doc.nodes]);
  useEffect(() => {
    if (copied === null) return;
    const t = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(t);
  }, [copied]);

  if (!doc.nodes.length)
    return <p className="summary__empty">Add layers to the canvas to see the model summary.</p>;
  if (!inf.summary || !table)
    return (
      <div className="summary summary--invalid">
        <p className="summary__invalid">The model is invalid</p>
        <ModelErrors />
      </div>
    );

  const model = inf.summary;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(formatSummary(model));
      setCopied('Copied');
    } catch (e) {
      setCopied(`Could not copy: ${(e as Error).message}`);
    }
  };
  return (
    <div className="summary">
      <div className="summary__head">
        <h3 className="summary__title">{table.title}</h3>
        <button type="button" onClick={() => void copy()}>
          Copy as text
        </button>
        <span className="summary__status" role="status">
          {copied}
        </span>
      </div>
      <table className="summary__table" aria-label="Model summary">
        <thead>
          <tr>
            {table.header.map((h, i) => (
              <th key={h} scope="col" className={`align-${table.align[i]}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => {
            const id = idByName.get(row.layerName);
            const isSelected = id !== undefined && selected.includes(id);
            return (
              <tr
                key={row.layerName}
                className={isSelected ? 'is-selected' : undefined}
                tabIndex={0}
                onClick={() => id && actions.select([id])}
                onKeyDown={(e) => {
                  if ((e.key === 'Enter' || e.key === ' ') && id) {
                    e.preventDefault();
                    actions.select([id]);
                  }
                }}
              >
                {row.cells.map((c, i) => (
                  <td key={i} className={`align-${table.align[i]}`}>
                    {i === 3 ? row.connectedTo.join('\n') || '-' : c}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="summary__totals">
        <dt>Total params:</dt>
        <dd>{table.totals.total.text}</dd>
        <dt>Trainable params:</dt>
        <dd>{table.totals.trainable.text}</dd>
        <dt>Non-trainable params:</dt>
        <dd>{table.totals.nonTrainable.text}</dd>
      </dl>
    </div>
  );
}
