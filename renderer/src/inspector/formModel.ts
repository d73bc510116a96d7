// The inspector's form model: a layer's zod params schema turned into field descriptions (via zod's
// JSON Schema export), so a new layer gets its form without UI code. Pure; nothing here renders.
import { z } from 'zod';

/** One editable value and how to present it. */
export type FieldKind =
  | { kind: 'number'; integer: boolean; min?: number; max?: number; exclusiveMax?: number }
  | { kind: 'nullableInt'; min?: number; max?: number }
  | { kind: 'nullableNumber' }
  | { kind: 'enum'; options: string[] }
  | { kind: 'boolean' }
  | { kind: 'intList' }
  | { kind: 'variant'; discriminator: string; variants: Variant[] };

/** One option of a discriminated union (e.g. an initializer type) with its own arguments. */
export interface Variant {
  value: string;
  fields: FieldSpec[];
}

/** A form field: the param key, its label and help text from `.meta()`, and its kind. */
export interface FieldSpec {
  key: string;
  label: string;
  help: string;
  default: unknown;
  kind: FieldKind;
}

type Json = Record<string, unknown>;

// JSON Schema writes "no bound" as ±MAX_SAFE_INTEGER for integers; a form should show no bound.
const bound = (v: unknown): number | undefined =>
  typeof v === 'number' && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined;

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function kindOf(s: Json): FieldKind | null {
  if (s.type === 'integer' || s.type === 'number') {
    const kind: FieldKind = { kind: 'number', integer: s.type === 'integer' };
    const min = bound(s.minimum);
    const max = bound(s.maximum);
    const exclusiveMax = bound(s.exclusiveMaximum);
    if (min !== undefined) kind.min = min;
    if (max !== undefined) kind.max = max;
    if (exclusiveMax !== undefined) kind.exclusiveMax = exclusiveMax;
    return kind;
  }
  if (s.type === 'boolean') return { kind: 'boolean' };
  if (s.type === 'string' && Array.isArray(s.enum))
    return { kind: 'enum', options: s.enum.map(String) };
  if (s.type === 'array' && (s.items as Json | undefined)?.type === 'integer')
    return { kind: 'intList' };
  if (Array.isArray(s.anyOf)) {
    const parts = s.anyOf as Json[];
    const int = parts.find((p) => p.type === 'integer');
    if (parts.length === 2 && int && parts.some((p) => p.type === 'null')) {
      const kind: FieldKind = { kind: 'nullableInt' };
      const min = bound(int.minimum);
      const max = bound(int.maximum);
      if (min !== undefined) kind.min = min;
      if (max !== undefined) kind.max = max;
      return kind;
    }
    if (
      parts.length === 2 &&
      parts.some((p) => p.type === 'number') &&
      parts.some((p) => p.type === 'null')
    )
      return { kind: 'nullableNumber' };
  }
  if (Array.isArray(s.oneOf)) return variantKind(s.oneOf as Json[]);
  return null;
}

/** A union of objects told apart by one constant property (zod's discriminatedUnion). */
function variantKind(options: Json[]): FieldKind | null {
  const first = options[0]?.properties as Record<string, Json> | undefined;
  if (!first) return null;
  const discriminator = Object.keys(first).find((k) => first[k].const !== undefined);
  if (!discriminator) return null;
  const variants: Variant[] = [];
  for (const option of options) {
    const props = (option.properties ?? {}) as Record<string, Json>;
    const tag = props[discriminator]?.const;
    if (typeof tag !== 'string') return null;
    const rest = Object.fromEntries(Object.entries(props).filter(([k]) => k !== discriminator));
    variants.push({ value: tag, fields: fieldsOf(rest) });
  }
  return { kind: 'variant', discriminator, variants };
}

function fieldsOf(properties: Record<string, Json>): FieldSpec[] {
  const fields: FieldSpec[] = [];
  for (const [key, s] of Object.entries(properties)) {
    const kind = kindOf(s);
    if (!kind) continue;
    fields.push({
      key,
      label: typeof s.label === 'string' ? s.label : humanize(key),
      help: typeof s.help === 'string' ? s.help : '',
      default: s.default,
      kind,
    });
  }
  return fields;
}

const cache = new WeakMap<z.ZodType, FieldSpec[]>();

/** The form fields of an object params schema, in declaration order; unsupported kinds are skipped. */
export function formFields(schema: z.ZodType): FieldSpec[] {
  let fields = cache.get(schema);
  if (!fields) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
    fields = fieldsOf((json.properties ?? {}) as Record<string, Json>);
    cache.set(schema, fields);
  }
  return fields;
}
