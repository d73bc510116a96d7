// The binding of one Input (or one output's target): the arrays/columns it reads, in order (their
// per-sample values are concatenated), how they are scaled, and the shape check, inline.
import { useId } from 'react';
import type { ArraySummary } from '../../../engine/data/preview.ts';
import type { Binding, Scale } from '../../../engine/document/schema.ts';
import type { BindingStatus } from '../../../engine/session/bindCheck.ts';
import { setBinding } from './sourceActions.ts';

const SCALES: { value: Scale; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'div255', label: '÷ 255' },
  { value: 'standardize', label: 'Standardise' },
];

/** Props: which node, its binding in the project (if any), its check and the arrays to pick from. */
export interface BindingEditorProps {
  role: 'input' | 'target';
  node: string;
  binding: Binding | undefined;
  status: BindingStatus;
  arrays: readonly ArraySummary[];
}

/** The editor of one binding. */
export function BindingEditor({ role, node, binding, status, arrays }: BindingEditorProps) {
  const statusId = useId();
  const chosen = binding?.arrays ?? [];
  const scale = binding?.scale ?? 'none';
  const title = role === 'input' ? `Input ${status.name}` : `Target of ${status.name}`;
  const update = (next: string[], nextScale: Scale = scale) =>
    setBinding(role, node, next.length ? { arrays: next, scale: nextScale } : null);
  const move = (i: number) => {
    const next = [...chosen];
    [next[i - 1], next[i]] = [next[i], next[i - 1]];
    update(next);
  };
  const available = arrays.filter((a) => !chosen.includes(a.name));
  const known = new Map(arrays.map((a) => [a.name, a]));
  return (
    <fieldset
      className={`binding ${status.ok ? 'binding--ok' : 'binding--bad'}`}
      aria-describedby={statusId}
    >
      <legend className="binding__title">
        {role === 'input' ? 'Input' : 'Target of'} <code>{status.name}</code>
        {status.expected !== null && (
          <span className="binding__expects">
            {status.expected} value{status.expected === 1 ? '' : 's'} / sample
          </span>
        )}
      </legend>
      <ul className="binding__arrays" aria-label={`Arrays of ${title}`}>
        {chosen.map((name, i) => {
          const a = known.get(name);
          return (
            <li key={name} className={`chip${a ? '' : ' chip--missing'}`}>
              <span className="chip__name">{name}</span>
              {a && <span className="chip__shape">×{a.width}</span>}
              {i > 0 && (
                <button
                  type="button"
                  className="chip__button"
                  aria-label={`Move ${name} earlier in ${title}`}
                  title="Move earlier"
                  onClick={() => move(i)}
                >
                  ←
                </button>
              )}
              <button
                type="button"
                className="chip__button"
                aria-label={`Remove ${name} from ${title}`}
                title="Remove"
                onClick={() => update(chosen.filter((c) => c !== name))}
              >
                ×
              </button>
            </li>
          );
        })}
        {!chosen.length && <li className="binding__none">nothing bound</li>}
      </ul>
      <div className="binding__controls">
        <select
          aria-label={`Add an array to ${title}`}
          value=""
          disabled={!available.length}
          onChange={(e) => e.target.value && update([...chosen, e.target.value])}
        >
          <option value="">
            {available.length ? '+ Add array or column…' : 'All arrays bound'}
          </option>
          {available.map((a) => (
            <option key={a.name} value={a.name}>
              {a.name} [{a.shape.join(', ')}] {a.dtype}
            </option>
          ))}
        </select>
        <label className="binding__scale">
          <span>Scale</span>
          <select
            aria-label={`Scale of ${title}`}
            value={scale}
            disabled={!chosen.length}
            onChange={(e) => update(chosen, e.target.value as Scale)}
          >
            {SCALES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id={statusId} className={`binding__status ${status.ok ? 'is-ok' : 'is-bad'}`}>
        <span className="binding__icon">{status.ok ? '✓' : '✗'}</span>
        <span>{status.message}</span>
      </p>
    </fieldset>
  );
}
