// Validation of one edited field against the layer's own params schema, so the inspector shows the
// exact message the engine would report, next to the field being edited.
import type { z } from 'zod';

/**
 * The first schema message for `params[key]` after setting it to `value`, or null when that field is
 * valid. Problems in other fields are ignored: they are reported next to those fields.
 */
export function fieldProblem(
  schema: z.ZodType,
  params: Record<string, unknown>,
  key: string,
  value: unknown,
): string | null {
  const result = schema.safeParse({ ...params, [key]: value });
  if (result.success) return null;
  const issue = result.error.issues.find((i) => i.path[0] === key);
  return issue ? issue.message : null;
}
