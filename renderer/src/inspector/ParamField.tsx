// One generated form field for a layer param: text for numbers and shapes, a select for enums and
// variant types (initializers, with their arguments below), a checkbox for booleans.
import { useId } from 'react';
import { formatFieldValue, parseFieldText } from './fieldText.ts';
import type { FieldKind, FieldSpec } from './formModel.ts';
import { DraftInput, type Checked } from './DraftInput.tsx';

/** How a field reads and writes its value; `problem` validates a candidate with the layer schema. */
export interface FieldBinding {
  /** The current value, or undefined when the selected layers disagree. */
  value: unknown;
  problem(value: unknown): string | null;
  /** Applies a value; `typing` merges consecutive edits of this field into one undo step. */
  apply(value: unknown, typing: boolean): void;
  seal(): void;
}

function checkText(
  kind: FieldKind,
  text: string,
  problem: FieldBinding['problem'],
): Checked<unknown> {
  const parsed = parseFieldText(kind, text);
  if (!parsed.ok) return parsed;
  const message = problem(parsed.value);
  return message ? { ok: false, message } : { ok: true, value: parsed.value };
}

function placeholder(field: FieldSpec, mixed: boolean): string | undefined {
  if (mixed) return 'mixed';
  if (field.kind.kind === 'nullableInt' || field.kind.kind === 'nullableNumber') return 'none';
  return undefined;
}

/** The id of the help line of control `id`, when it has help text. */
const helpId = (id: string, help: string) => (help ? `${id}-help` : undefined);

/** The help line under control `id` (nothing without help text). */
function Help({ id, text }: { id: string; text: string }) {
  return text ? (
    <p className="field__help" id={helpId(id, text)}>
      {text}
    </p>
  ) : null;
}

/** Renders `field` bound to `b`. */
export function ParamField({ field, b }: { field: FieldSpec; b: FieldBinding }) {
  const id = useId();
  const mixed = b.value === undefined;
  const kind = field.kind;
  switch (kind.kind) {
    case 'number':
    case 'nullableInt':
    case 'nullableNumber':
    case 'intList':
      return (
        <DraftInput
          label={field.label}
          help={field.help}
          text={mixed ? '' : formatFieldValue(kind, b.value)}
          placeholder={placeholder(field, mixed)}
          inputMode={
            (kind.kind === 'number' && !kind.integer) || kind.kind === 'nullableNumber'
              ? 'decimal'
              : 'text'
          }
          check={(text) => checkText(kind, text, b.problem)}
          apply={(v) => b.apply(v, true)}
          seal={b.seal}
        />
      );
    case 'boolean':
      return (
        <div className="field field--check">
          <input
            id={id}
            type="checkbox"
            checked={b.value === true}
            ref={(el) => {
              if (el) el.indeterminate = mixed;
            }}
            aria-describedby={helpId(id, field.help)}
            onChange={(e) => b.apply(e.target.checked, false)}
          />
          <label htmlFor={id}>{field.label}</label>
          <Help id={id} text={field.help} />
        </div>
      );
    case 'enum':
      return (
        <div className="field">
          <label className="field__label" htmlFor={id}>
            {field.label}
          </label>
          <select
            id={id}
            className="field__input"
            value={mixed ? '' : String(b.value)}
            aria-describedby={helpId(id, field.help)}
            onChange={(e) => b.apply(e.target.value, false)}
          >
            {mixed && <option value="">mixed</option>}
            {kind.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          <Help id={id} text={field.help} />
        </div>
      );
    case 'variant':
      return <VariantField field={field} kind={kind} b={b} />;
  }
}

type VariantKind = Extract<FieldKind, { kind: 'variant' }>;

/** A discriminated union (e.g. an initializer): its type as a select, then that type's arguments. */
function VariantField({
  field,
  kind,
  b,
}: {
  field: FieldSpec;
  kind: VariantKind;
  b: FieldBinding;
}) {
  const id = useId();
  const obj = (typeof b.value === 'object' && b.value !== null ? b.value : {}) as Record<
    string,
    unknown
  >;
  const mixed = b.value === undefined;
  const tag = mixed ? '' : String(obj[kind.discriminator] ?? '');
  const variant = kind.variants.find((v) => v.value === tag);
  return (
    <fieldset className="field field--group">
      <legend className="field__label">{field.label}</legend>
      <label className="visually-hidden" htmlFor={id}>
        {field.label}
      </label>
      <select
        id={id}
        className="field__input"
        value={tag}
        aria-describedby={helpId(id, field.help)}
        onChange={(e) => b.apply({ [kind.discriminator]: e.target.value }, false)}
      >
        {mixed && <option value="">mixed</option>}
        {kind.variants.map((v) => (
          <option key={v.value} value={v.value}>
            {v.value}
          </option>
        ))}
      </select>
      <Help id={id} text={field.help} />
      {variant?.fields.map((arg) => (
        <ParamField
          key={`${tag}.${arg.key}`}
          field={{ ...arg, label: `${field.label} ${arg.label.toLowerCase()}` }}
          b={{
            value: obj[arg.key] ?? arg.default,
            problem: (v) => b.problem({ ...obj, [arg.key]: v }),
            apply: (v, typing) => b.apply({ ...obj, [arg.key]: v }, typing),
            seal: b.seal,
          }}
        />
      ))}
    </fieldset>
  );
}
