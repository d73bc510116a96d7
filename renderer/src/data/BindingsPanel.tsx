// The bindings column of the Data tab: one editor per Input and per output's target (with the
// inline shape checks of bindingProblems), then the validation split.
import { useMemo } from 'react';
import { bindingProblems } from '../../../engine/session/bindCheck.ts';
import { DraftInput } from '../inspector/DraftInput.tsx';
import { actions, useInference, useProject } from '../state/store.ts';
import { BindingEditor } from './BindingEditor.tsx';
import { setValidationSplit } from './sourceActions.ts';
import type { SourceView } from './sourceView.ts';

/** Parses a validation split typed by the user: a fraction in [0, 1). */
function checkSplit(text: string) {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v))
    return { ok: false as const, message: 'Enter a number such as 0.2' };
  if (v < 0 || v >= 1)
    return {
      ok: false as const,
      message: 'The split is a fraction from 0 up to (not including) 1',
    };
  return { ok: true as const, value: v };
}

/** Bindings of every Input and output, and the validation split. */
export function BindingsPanel({ view }: { view: SourceView }) {
  const doc = useProject();
  const inf = useInference();
  const report = useMemo(() => bindingProblems(doc, inf, view.shapes), [doc, inf, view.shapes]);
  const split = doc.training.validationSplit;
  const n = report.samples;
  const held = n === null ? 0 : Math.floor(n * split);
  return (
    <>
      <h3 className="data-tab__heading">Bindings</h3>
      {view.missing.length > 0 && (
        <p className="data-tab__hint">
          Import {view.missing.join(' and ')} to check these bindings against the data.
        </p>
      )}
      {!inf.inputs.length && !inf.outputs.length ? (
        <p className="data-tab__hint">Add an Input layer to the canvas to bind data to it.</p>
      ) : (
        <>
          {inf.inputs.map((id) => (
            <BindingEditor
              key={`in:${id}`}
              role="input"
              node={id}
              binding={doc.data.inputs[id]}
              status={report.inputs[id]}
              arrays={view.arrays}
            />
          ))}
          {inf.outputs.map((id) => (
            <BindingEditor
              key={`out:${id}`}
              role="target"
              node={id}
              binding={doc.data.targets[id]}
              status={report.targets[id]}
              arrays={view.arrays}
            />
          ))}
        </>
      )}
      <div className="data-split">
        <DraftInput
          label="Validation split"
          help="Fraction of samples held out for validation: the last ones, as Keras takes them."
          text={String(split)}
          inputMode="decimal"
          check={checkSplit}
          apply={setValidationSplit}
          seal={() => actions.seal()}
        />
        {n !== null && (
          <p className="data-tab__hint" aria-label="Samples per split">
            {n - held} training · {held} validation samples
          </p>
        )}
      </div>
    </>
  );
}
