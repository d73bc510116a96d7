// Opaque file handles: the renderer only ever sees random ids for files the user picked in a
// main-process dialog, so it cannot name (or forge) a path. One table per window, dropped with it.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { LoomError } from '../../engine/errors.ts';

/** The shape of every handle id: 32 lowercase hex digits. */
export const HANDLE_PATTERN = /^[0-9a-f]{32}$/;

/** Maps handle ids to absolute paths for one window. */
export class HandleTable {
  readonly #paths = new Map<string, string>();

  /** The handle for `absolutePath`, reusing the existing id when it was handed out before. */
  register(absolutePath: string): string {
    if (!path.isAbsolute(absolutePath)) {
      throw new LoomError('internal', `handle for a relative path '${absolutePath}'`);
    }
    for (const [id, p] of this.#paths) if (p === absolutePath) return id;
    const id = randomBytes(16).toString('hex');
    this.#paths.set(id, absolutePath);
    return id;
  }

  /** The path behind `id`; an 'io/handle' LoomError when this window never received it. */
  resolve(id: string): string {
    const p = this.#paths.get(id);
    if (p === undefined) {
      throw new LoomError(
        'io/handle',
        'the file handle is unknown to this window',
        { path: id },
        'Use Save As… to choose where to save.',
      );
    }
    return p;
  }

  /** Number of handles issued (for tests and limits). */
  get size(): number {
    return this.#paths.size;
  }
}
