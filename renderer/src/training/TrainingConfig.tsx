// The training settings: loss per output, optimizer and its hyperparameters (Keras defaults shown,
// forms generated from the registries' zod schemas), metrics, batch size, epochs, seed, shuffle and
// clipnorm. Every change is a setTraining command, so it is undoable and saved with the project.
import { z } from 'zod';
import type { LossSpec, TrainingConfig as Config } from '../../../engine/document/schema.ts';
import { lossRegistry } from '../../../engine/train/losses.ts';
import { metricNames } from '../../../engine/train/metrics.ts';
import { getOptimizer, optimizerRegistry } from '../../../engine/train/optimizers/registry.ts';
import { formFields } from '../inspector/formModel.ts';
import { ParamField } from '../inspector/ParamField.tsx';
import { fieldProblem } from '../inspector/validate.ts';
import { actions, useInference, useProject } from '../state/store.ts';

function setTraining(patch: Partial<Config>, typing = false, key = ''): void {
  actions.execute({ type: 'setTraining', patch }, typing ? `training:${key}` : null);
}

const Settings = {
  batchSize: z
    .number()
    .int('must be a whole number')
    .positive('must be at least 1')
    .max(1_000_000)
    .meta({ label: 'Batch size', help: 'Samples per gradient update (Keras default 32).' }),
  epochs: z
    .number()
    .int('must be a whole number')
    .positive('must be at least 1')
    .max(1_000_000)
    .meta({ label: 'Epochs', help: 'How many passes over the data Run makes.' }),
  seed: z
    .number()
    .int('must be a whole number')
    .meta({ label: 'Seed', help: 'Same seed → same initial weights, batches and dropout masks.' }),
  shuffle: z
    .boolean()
    .meta({ label: 'Shuffle', help: 'Shuffle the training rows every epoch (seeded).' }),
  clipnorm: z.number().positive('must be above 0').nullable().meta({
    label: 'Clip norm',
    help: 'Clip each gradient tensor to this L2 norm (Keras clipnorm); empty = off.',
  }),
};
const settingsSchema = z.object(Settings);

/** Loss type and params of one output. */
function LossField({ nodeId, label, spec }: { nodeId: string; label: string; spec: LossSpec }) {
  const doc = useProject();
  const def = lossRegistry.get(spec.type)!;
  const set = (next: LossSpec) =>
    setTraining({ losses: { ...doc.training.losses, [nodeId]: next } });
  const id = `loss-${nodeId}`;
  return (
    <div className="training-config__loss">
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        <select
          id={id}
          className="field__input"
          value={spec.type}
          onChange={(e) => set({ type: e.target.value as LossSpec['type'], params: {} })}
        >
          {[...lossRegistry.values()].map((l) => (
            <option key={l.type} value={l.type}>
              {l.label}
            </option>
          ))}
        </select>
      </div>
      {formFields(def.params).map((field) => (
        <ParamField
          key={`${nodeId}:${spec.type}:${field.key}`}
          field={field}
          b={{
            value: spec.params[field.key] ?? field.default,
            problem: (v) => fieldProblem(def.params, spec.params, field.key, v),
            apply: (v) => set({ ...spec, params: { ...spec.params, [field.key]: v } }),
            seal: () => actions.seal(),
          }}
        />
      ))}
    </div>
  );
}

/** The training settings form. */
export function TrainingConfig() {
  const doc = useProject();
  const inf = useInference();
  const t = doc.training;
  const optimizer = getOptimizer(t.optimizer.type);
  const hyper = optimizer.hyper as z.ZodType;
  const outputs = inf.outputs.map((id) => inf.nodes.get(id)!);
  return (
    <form
      className="training-config"
      aria-label="Training settings"
      onSubmit={(e) => e.preventDefault()}
    >
      <fieldset>
        <legend>Loss</legend>
        {outputs.length === 0 && <p className="training__note">The model has no output yet.</p>}
        {outputs.map((info) => (
          <LossField
            key={info.node.id}
            nodeId={info.node.id}
            label={outputs.length > 1 ? `Loss of ${info.node.name}` : 'Loss'}
            spec={t.losses[info.node.id] ?? t.defaultLoss}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>Optimizer</legend>
        <div className="field">
          <label className="field__label" htmlFor="training-optimizer">
            Optimizer
          </label>
          <select
            id="training-optimizer"
            className="field__input"
            value={t.optimizer.type}
            onChange={(e) =>
              setTraining({
                optimizer: { type: e.target.value as Config['optimizer']['type'], params: {} },
              })
            }
          >
            {[...optimizerRegistry.values()].map((o) => (
              <option key={o.type} value={o.type}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        {formFields(hyper).map((field) => (
          <ParamField
            key={`${t.optimizer.type}:${field.key}`}
            field={field}
            b={{
              value: t.optimizer.params[field.key] ?? field.default,
              problem: (v) => fieldProblem(hyper, t.optimizer.params, field.key, v),
              apply: (v, typing) =>
                setTraining(
                  {
                    optimizer: {
                      ...t.optimizer,
                      params: { ...t.optimizer.params, [field.key]: v },
                    },
                  },
                  typing,
                  `opt:${field.key}`,
                ),
              seal: () => actions.seal(),
            }}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>Metrics</legend>
        {metricNames.map((m) => (
          <label key={m} className="field field--check">
            <input
              type="checkbox"
              checked={t.metrics.includes(m)}
              onChange={(e) =>
                setTraining({
                  metrics: e.target.checked ? [...t.metrics, m] : t.metrics.filter((x) => x !== m),
                })
              }
            />
            {m}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Schedule</legend>
        {formFields(settingsSchema).map((field) => {
          const key = field.key as keyof typeof Settings;
          return (
            <ParamField
              key={key}
              field={field}
              b={{
                value: t[key],
                problem: (v) =>
                  fieldProblem(settingsSchema, t as Record<string, unknown>, field.key, v),
                apply: (v, typing) => setTraining({ [key]: v }, typing, key),
                seal: () => actions.seal(),
              }}
            />
          );
        })}
      </fieldset>
    </form>
  );
}
