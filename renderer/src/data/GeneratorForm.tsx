// The settings of a data generator, as a form generated from its zod params schema (the same
// field components as the inspector). Every change regenerates the data and is one undo step.
import type { GeneratorInfo } from '../../../engine/data/generators.ts';
import { formFields } from '../inspector/formModel.ts';
import { ParamField } from '../inspector/ParamField.tsx';
import { fieldProblem } from '../inspector/validate.ts';
import { actions } from '../state/store.ts';
import { applySource } from './sourceActions.ts';

/** The form of generator `info` showing `params` (missing ones at their defaults). */
export function GeneratorForm({
  info,
  params,
}: {
  info: GeneratorInfo;
  params: Record<string, unknown>;
}) {
  const fields = formFields(info.params);
  const set = (key: string, value: unknown, typing: boolean) =>
    applySource(
      { kind: 'generator', name: info.id, params: { ...params, [key]: value } },
      typing ? `data:generator:${info.id}:${key}` : null,
    );
  const reseed = () => set('seed', Math.floor(Math.random() * 1_000_000), false);
  return (
    <div className="generator-form" aria-label={`${info.title} settings`} role="group">
      {fields.map((field) => (
        <ParamField
          key={`${info.id}:${field.key}`}
          field={field}
          b={{
            value: key(params, field.key) ? params[field.key] : field.default,
            problem: (v) => fieldProblem(info.params, params, field.key, v),
            apply: (v, typing) => set(field.key, v, typing),
            seal: () => actions.seal(),
          }}
        />
      ))}
      {fields.some((f) => f.key === 'seed') && (
        <button type="button" onClick={reseed}>
          New random seed
        </button>
      )}
    </div>
  );
}

function key(params: Record<string, unknown>, k: string): boolean {
  return Object.hasOwn(params, k);
}
