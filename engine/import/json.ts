// Strict JSON for imported files (model.json, config.json, weight manifests): a size limit, a depth
// limit, and no `__proto__` keys, so a hostile file can neither exhaust memory nor touch prototypes.
// Readers look keys up with `field()` (own properties only), never with a bare `obj[key]`.
import { LoomError, type LoomErrorCode, type Where } from '../errors.ts';

/** Largest JSON text an importer accepts (topologies are small; weights live in shards). */
export const MAX_IMPORT_JSON_CHARS = 64 * 1024 * 1024;
/** Deepest nesting accepted; Keras configs stay well under 20. */
export const MAX_IMPORT_JSON_DEPTH = 100;

/** A JSON object (never an array or null). */
export type JsonObject = Record<string, unknown>;

/** Parses JSON text; every failure is a LoomError with `code` at `where`. */
export function parseJsonStrict(
  text: string,
  code: LoomErrorCode,
  where: Where,
  fix: string,
): unknown {
  if (text.length > MAX_IMPORT_JSON_CHARS)
    throw new LoomError(
      code,
      `the JSON is too large (${text.length} characters; the limit is ${MAX_IMPORT_JSON_CHARS})`,
      where,
      fix,
    );
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => (key === '__proto__' ? undefined : v));
  } catch (e) {
    throw new LoomError(code, `not valid JSON: ${(e as Error).message}`, where, fix);
  }
  checkDepth(value, code, where, fix);
  return value;
}

function checkDepth(value: unknown, code: LoomErrorCode, where: Where, fix: string): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > MAX_IMPORT_JSON_DEPTH)
      throw new LoomError(
        code,
        `the JSON is nested deeper than ${MAX_IMPORT_JSON_DEPTH} levels`,
        where,
        fix,
      );
    if (typeof v === 'object' && v !== null)
      for (const c of Object.values(v))
        if (typeof c === 'object' && c !== null) stack.push([c, d + 1]);
  }
}

/** True for a plain JSON object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property of a JSON object (never one inherited from Object.prototype). */
export function field(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** UTF-8 bytes → text; invalid UTF-8 is a LoomError. */
export function decodeUtf8(
  bytes: Uint8Array,
  code: LoomErrorCode,
  where: Where,
  fix: string,
): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LoomError(code, 'the file is not valid UTF-8 text', where, fix);
  }
}
