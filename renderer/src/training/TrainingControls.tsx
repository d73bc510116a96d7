// The training buttons and status: Step / Epoch / Run–Pause / Reset weights with their shortcuts,
// the step counter, a progress bar with steps/s and ETA, the backend in use (and why), memory held
// on it, which weights were kept or re-initialised, and the last error with its fix.
import { useMemo } from 'react';
import { weightPlan } from '../../../engine/session/weights.ts';
import { useInference, useProject } from '../state/store.ts';
import { sessionIsCurrent, training } from './controller.ts';
import { useTraining, type TrainingState } from './store.ts';

const count = new Intl.NumberFormat('en-US');

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return m < 60
    ? `${m} min ${Math.round(seconds % 60)} s`
    : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function Progress({ s }: { s: TrainingState }) {
  const p = s.progress;
  if (!p) return null;
  const fraction = p.total > 0 ? p.done / p.total : 0;
  return (
    <div className="training__progress">
      <progress
        value={p.done}
        max={p.total}
        aria-label={`Training progress: ${p.done} of ${p.total} steps`}
      />
      <span>
        {p.kind === 'step'
          ? 'Stepping'
          : `${count.format(p.done)} / ${count.format(p.total)} steps`}
        {s.stepsPerSecond > 0 && ` · ${s.stepsPerSecond.toFixed(1)} steps/s`}
        {p.etaSeconds !== null && fraction < 1 && ` · ETA ${duration(p.etaSeconds)}`}
      </span>
    </div>
  );
}

/** Which stored weights the current model keeps, and which it will re-initialise (and why). */
function WeightStatus() {
  const doc = useProject();
  const inf = useInference();
  const plan = useMemo(() => (inf.valid ? weightPlan(doc, inf) : null), [doc, inf]);
  if (!plan || (!doc.weights && !doc.history)) return null;
  const changed = plan.initialised.filter((w) => w.reason !== 'new' || plan.kept.length > 0);
  return (
    <div className="training__weights" data-testid="weight-status">
      <span>
        Weights: {plan.kept.length} kept
        {plan.initialised.length > 0 && ` · ${plan.initialised.length} re-initialised`}
        {plan.dropped.length > 0 && ` · ${plan.dropped.length} unused`}
      </span>
      {changed.length > 0 && (
        <ul className="training__reinit" aria-label="Re-initialised weights">
          {changed.map((w) => (
            <li key={w.key}>
              <code>{w.key}</code> ({w.node}): {w.reason === 'new' ? 'new layer' : w.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The buttons, counters and status of the training session. */
export function TrainingControls() {
  const s = useTraining((x) => x);
  const doc = useProject();
  const inf = useInference();
  const busy = s.status === 'training' || s.status === 'loading';
  const running = s.status === 'training' && s.progress?.kind !== 'step';
  const current = sessionIsCurrent(doc);
  const epochOfBatch = s.batchesPerEpoch ? `batch ${s.batch + 1}/${s.batchesPerEpoch}` : '';
  return (
    <div className="training__controls">
      <div className="training__buttons" role="toolbar" aria-label="Training">
        <button
          type="button"
          className="primary"
          onClick={() => void training.step()}
          disabled={busy || !inf.valid}
          title="One gradient update on the next mini-batch (F10 or Ctrl+Enter)"
        >
          Step
        </button>
        <button
          type="button"
          onClick={() => void training.epoch()}
          disabled={busy || !inf.valid}
          title="Train to the end of the current epoch (Shift+F10)"
        >
          Epoch
        </button>
        <button
          type="button"
          onClick={() => void training.runOrPause()}
          disabled={(!running && busy) || !inf.valid}
          title={`${running ? 'Pause after the current step' : `Train ${doc.training.epochs} epoch(s)`} (F8)`}
        >
          {running ? 'Pause' : 'Run'}
        </button>
        <button
          type="button"
          onClick={() => void training.resetWeights()}
          disabled={busy || !inf.valid}
          title="Re-initialise every weight from the seed and clear the history"
        >
          Reset weights
        </button>
      </div>
      <dl className="training__status">
        <div>
          <dt>Step</dt>
          <dd data-testid="step-counter">{count.format(s.step)}</dd>
        </div>
        <div>
          <dt>Epoch</dt>
          <dd>
            {s.epoch + 1}{' '}
            {epochOfBatch && <span className="training__muted">({epochOfBatch})</span>}
          </dd>
        </div>
        <div>
          <dt>Loss</dt>
          <dd data-testid="current-loss">
            {s.history.length ? s.history.latest().loss?.toPrecision(5) : '—'}
          </dd>
        </div>
        <div>
          <dt>Backend</dt>
          <dd data-testid="backend" title={s.backend?.reason ?? ''}>
            {s.backend ? (s.backend.name === 'webgl' ? 'WebGL2' : 'CPU') : 'not loaded'}
            {s.backend?.reason && <span className="training__muted"> — {s.backend.reason}</span>}
          </dd>
        </div>
        {s.memory && (
          <div>
            <dt>{s.backend?.name === 'webgl' ? 'GPU memory' : 'Memory'}</dt>
            <dd>
              {bytes(s.memory.bytes)} in {count.format(s.memory.buffers)} buffers
            </dd>
          </div>
        )}
        {s.trainSamples > 0 && (
          <div>
            <dt>Data</dt>
            <dd>
              {count.format(s.trainSamples)} train
              {s.validationSamples > 0 && ` · ${count.format(s.validationSamples)} validation`}
            </dd>
          </div>
        )}
      </dl>
      <Progress s={s} />
      {s.status === 'loading' && <p className="training__note">Compiling and loading the data…</p>}
      {!current && s.status === 'ready' && (
        <p className="training__note">The model changed: the session reloads on the next action.</p>
      )}
      {!inf.valid && (
        <p className="training__note">The model is invalid: fix the errors on the canvas first.</p>
      )}
      <WeightStatus />
      {s.error && (
        <div className="training__error" role="alert">
          <strong>{s.error.message}</strong>
          {s.error.fix && <p>{s.error.fix}</p>}
        </div>
      )}
    </div>
  );
}
