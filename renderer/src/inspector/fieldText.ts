// Text ⇄ value for the inspector's text inputs. Parsing only turns text into a candidate value; the
// layer's zod schema then decides whether it is valid (and supplies the message when it is not).
import type { FieldKind } from './formModel.ts';

/** A parsed text field: the candidate value, or why the text is not even a value. */
export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** The text a field shows for a value. */
export function formatFieldValue(kind: FieldKind, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (kind.kind === 'intList' && Array.isArray(value)) return value.join(', ');
  return String(value);
}

function parseNumber(text: string, integer: boolean): Parsed {
  const t = text.trim();
  if (t === '')
    return { ok: false, message: integer ? 'Enter a whole number.' : 'Enter a number.' };
  // Number('') is 0 and Number('0x1f') is 31; a form should accept plain decimal notation only.
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t))
    return {
      ok: false,
      message: integer ? `'${t}' is not a whole number.` : `'${t}' is not a number.`,
    };
  return { ok: true, value: Number(t) };
}

/** Parses a text field of this kind into a candidate value. */
export function parseFieldText(kind: FieldKind, text: string): Parsed {
  switch (kind.kind) {
    case 'number':
      return parseNumber(text, kind.integer);
    case 'nullableInt':
      return text.trim() === '' ? { ok: true, value: null } : parseNumber(text, true);
    case 'nullableNumber':
      return text.trim() === '' ? { ok: true, value: null } : parseNumber(text, false);
    case 'intList': {
      // "28, 28", "28 28", "28x28" and "28×28" all mean [28, 28].
      const t = text.trim();
      if (!t) return { ok: false, message: 'Enter at least one dimension, e.g. 784.' };
      const parts = t.split(/\s*[,x×]\s*|\s+/i);
      const values: number[] = [];
      for (const p of parts) {
        const n = parseNumber(p, true);
        if (!n.ok)
          return {
            ok: false,
            message: `'${t}' is not a list of whole numbers; write e.g. 784 or 28, 28.`,
          };
        values.push(n.value as number);
      }
      return { ok: true, value: values };
    }
    default:
      return { ok: true, value: text };
  }
}
