// Small JSON settings files in userData (recent files, window state): read with validation, where a
// missing, unreadable or invalid file yields the fallback; written atomically.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { atomicSave } from './atomic.ts';

/** Reads `file` as JSON validated by `schema`; `fallback` when missing or invalid. */
export async function readJson<T>(file: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return fallback;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : fallback;
}

/** Writes `value` as JSON atomically, creating the folder (no .bak: defaults rebuild these). */
export async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await atomicSave(file, `${JSON.stringify(value, null, 2)}\n`, { backup: false });
}
