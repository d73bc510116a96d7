// The Open Recent list: most recent first, no duplicates, at most RECENT_LIMIT absolute paths.
// Pure list operations plus validated load/save of userData/recent-files.json.
import path from 'node:path';
import { z } from 'zod';
import { readJson, writeJson } from './jsonStore.ts';

/** How many projects Open Recent lists. */
export const RECENT_LIMIT = 10;

const RecentSchema = z.object({
  version: z.literal(1),
  files: z.array(z.string()).max(1000),
});

/** Whether two paths name the same file on `platform` (Windows and macOS ignore case). */
export function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin'
    ? a.toLowerCase() === b.toLowerCase()
    : a === b;
}

/** `list` with `file` moved (or added) to the front, trimmed to RECENT_LIMIT. */
export function addRecent(
  list: readonly string[],
  file: string,
  platform: NodeJS.Platform,
): string[] {
  return [file, ...list.filter((p) => !samePath(p, file, platform))].slice(0, RECENT_LIMIT);
}

/** `list` without `file`. */
export function removeRecent(
  list: readonly string[],
  file: string,
  platform: NodeJS.Platform,
): string[] {
  return list.filter((p) => !samePath(p, file, platform));
}

/** Keeps absolute, NUL-free paths only, deduplicated and trimmed (for data read from disk). */
export function sanitizeRecent(list: readonly string[], platform: NodeJS.Platform): string[] {
  const out: string[] = [];
  for (const p of list) {
    if (!path.isAbsolute(p) || p.includes('\0')) continue;
    if (out.some((q) => samePath(q, p, platform))) continue;
    out.push(p);
  }
  return out.slice(0, RECENT_LIMIT);
}

/** Loads the recent list from `file` (empty when missing or invalid). */
export async function loadRecent(file: string, platform: NodeJS.Platform): Promise<string[]> {
  const data = await readJson(file, RecentSchema, { version: 1, files: [] });
  return sanitizeRecent(data.files, platform);
}

/** Saves the recent list to `file` atomically. */
export async function saveRecent(file: string, list: readonly string[]): Promise<void> {
  await writeJson(file, { version: 1, files: list });
}
