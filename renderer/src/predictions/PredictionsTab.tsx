// The Predictions tab: runs the model on a split (training or validation rows) and shows, per
// output, a confusion matrix and misclassified examples (classifiers) or error figures
// (regressions), plus predicted-vs-target for the first rows. Refreshes on demand and whenever a
// training request finishes (status 'training' → 'ready'); a newer refresh supersedes an older one.
import './predictions.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../../engine/errors.ts';
import type { Inference } from '../../../engine/graph/infer.ts';
import type { Project } from '../../../engine/document/schema.ts';
import { datasetForSource, useLoadedFiles } from '../data/dataStore.ts';
import { useInference, useProject } from '../state/store.ts';
import { training, type Inspection } from '../training/controller.ts';
import { getTraining, useTraining } from '../training/store.ts';
import { analyse, formatValue, inspectionRows, type OutputAnalysis } from './analyse.ts';
import { ConfusionMatrix } from './ConfusionMatrix.tsx';
import { imageLayout } from './imageLayout.ts';
import { Misclassified, type InputView } from './Misclassified.tsx';
import { PredictionTable } from './PredictionTable.tsx';

type Split = Inspection['split'];

interface Result {
  inspection: Inspection;
  /** The step counter when the predictions were computed. */
  step: number;
}

/** Each Input with the image layout of its rows, from its shape and the dataset array bound to it. */
function inputViews(doc: Project, inf: Inference): InputView[] {
  const dataset = datasetForSource(doc.data.source);
  return inf.inputs.map((id) => {
    const info = inf.nodes.get(id)!;
    const own = info.shape ? info.shape.slice(1) : null;
    const features = own?.every((d) => d !== null) ? own.reduce((a, b) => a * b, 1) : 0;
    const binding = doc.data.inputs[id];
    const array =
      binding?.arrays.length === 1 ? dataset?.arrays[binding.arrays[0]]?.shape.slice(1) : null;
    return { id, name: info.node.name, layout: imageLayout(features, [own, array]) };
  });
}

function OutputSection({
  analysis,
  inspection,
  inputs,
}: {
  analysis: OutputAnalysis;
  inspection: Inspection;
  inputs: readonly InputView[];
}) {
  const { task, confusion, regression } = analysis;
  const kind =
    task.kind === 'classification'
      ? `classifier, ${task.classes} classes (${task.encoding === 'binary' ? 'threshold 0.5' : `${task.encoding} targets`})`
      : 'regression';
  return (
    <section className="predictions__output" data-output={analysis.id} data-task={task.kind}>
      <h3 className="predictions__title">
        {analysis.name} <span className="predictions__kind">{kind}</span>
      </h3>
      {confusion && <ConfusionMatrix confusion={confusion} name={analysis.name} />}
      {confusion && analysis.wrong.length === 0 && (
        <p className="predictions__note">No misclassified rows.</p>
      )}
      <Misclassified inspection={inspection} analysis={analysis} inputs={inputs} />
      {regression && (
        <dl className="predictions__figures" data-testid="regression-summary">
          <dt>MAE</dt>
          <dd>{formatValue(regression.mae)}</dd>
          <dt>RMSE</dt>
          <dd>{formatValue(regression.rmse)}</dd>
          <dt>R²</dt>
          <dd title="Coefficient of determination, averaged over the output's values">
            {regression.r2 === null ? '—' : formatValue(regression.r2)}
          </dd>
          <dt>values</dt>
          <dd>
            {regression.count}
            {regression.nonFinite > 0 && ` (${regression.nonFinite} NaN/∞ skipped)`}
          </dd>
        </dl>
      )}
      {!analysis.targets && (
        <p className="predictions__note">No targets are bound to this output.</p>
      )}
    </section>
  );
}

/** The predictions panel. */
export function PredictionsTab() {
  const doc = useProject();
  const inf = useInference();
  const files = useLoadedFiles();
  const status = useTraining((s) => s.status);
  const validationSamples = useTraining((s) => s.validationSamples);
  const hasValidation = validationSamples > 0 || doc.training.validationSplit > 0;
  const [chosen, setChosen] = useState<Split>('train');
  const split: Split = hasValidation ? chosen : 'train';
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const refresh = useCallback(async (which: Split) => {
    const id = ++latest.current;
    setBusy(true);
    setError(null);
    try {
      const inspection = await training.inspect(which);
      if (id !== latest.current) return;
      setResult({ inspection, step: getTraining().step });
    } catch (e) {
      if (id === latest.current) setError(errorMessage(e));
    } finally {
      if (id === latest.current) setBusy(false);
    }
  }, []);

  // Fresh predictions whenever a training request finishes, and on opening a loaded session.
  const previous = useRef(status);
  const splitRef = useRef(split);
  useEffect(() => {
    splitRef.current = split;
  }, [split]);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (was === 'training' && status === 'ready') void refresh(splitRef.current);
  }, [status, refresh]);
  useEffect(() => {
    if (getTraining().status === 'ready') void refresh(splitRef.current);
  }, [refresh]);
  // A newer refresh wins; none may land after the tab closes.
  useEffect(() => () => void (latest.current += 1), []);

  const { losses, defaultLoss } = doc.training;
  const nameKey = doc.nodes.map((n) => `${n.id}\u0000${n.name}`).join('\n');
  // Only node names and losses matter: moving a node must not re-analyse 60,000 rows.
  const analyses = useMemo(
    () => (result ? analyse(result.inspection, doc) : []),
    [result, losses, defaultLoss, nameKey],
  );
  const inputs = useMemo(() => inputViews(doc, inf), [doc.data, inf, files]);

  if (!doc.nodes.length)
    return (
      <p className="predictions__empty">
        Build a model and bind data to it to see its predictions.
      </p>
    );
  const rows = inspectionRows(analyses);
  return (
    <div className="predictions" aria-busy={busy}>
      <div className="predictions__bar">
        <label>
          Rows{' '}
          <select
            value={split}
            onChange={(e) => {
              const next = e.target.value as Split;
              setChosen(next);
              if (result || status === 'ready') void refresh(next);
            }}
            aria-label="Split"
          >
            <option value="train">Training</option>
            {hasValidation && <option value="validation">Validation</option>}
          </select>
        </label>
        <button type="button" onClick={() => void refresh(split)} disabled={busy}>
          Refresh
        </button>
        <span className="predictions__status" role="status">
          {busy
            ? 'Computing predictions…'
            : result
              ? `${result.inspection.split === 'train' ? 'Training' : 'Validation'} rows: ${rows} · after step ${result.step}${status === 'idle' ? ' · the model or data changed since: Refresh' : ''}`
              : 'Press Refresh to run the model on these rows.'}
        </span>
      </div>
      {error && (
        <p className="predictions__error" role="alert">
          {error}
        </p>
      )}
      {result && analyses.length === 0 && !busy && (
        <p className="predictions__note">The model gave no predictions for these rows.</p>
      )}
      {result && analyses.length > 0 && (
        <div className="predictions__body">
          <div className="predictions__outputs">
            {analyses.map((a) => (
              <OutputSection
                key={a.id}
                analysis={a}
                inspection={result.inspection}
                inputs={inputs}
              />
            ))}
          </div>
          <div className="predictions__rows">
            <PredictionTable analyses={analyses} />
          </div>
        </div>
      )}
    </div>
  );
}
