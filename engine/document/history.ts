// Undo/redo as a stack of documents. Commands with the same coalesce key in a row (a drag, typing
// in one field) merge into one undo step. Pure: the UI store holds a History value.
import { apply, type Command } from './commands.ts';
import type { Project } from './schema.ts';

export interface History {
  readonly past: readonly Project[];
  readonly present: Project;
  readonly future: readonly Project[];
  /** Coalesce key of the last step, if it may absorb the next command. */
  readonly lastKey: string | null;
}

/** Undo steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 500;

/** A history whose only state is `doc`. */
export function createHistory(doc: Project): History {
  return { past: [], present: doc, future: [], lastKey: null };
}

/** Applies `cmd` as a new undo step (or merges into the last one with the same coalesce key). */
export function execute(h: History, cmd: Command, coalesceKey: string | null = null): History {
  const next = apply(h.present, cmd);
  if (next === h.present) return h;
  if (coalesceKey !== null && coalesceKey === h.lastKey) return { ...h, present: next, future: [] };
  const past = [...h.past, h.present];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { past, present: next, future: [], lastKey: coalesceKey };
}

/** Steps back one edit (no-op when there is nothing to undo). */
export function undo(h: History): History {
  if (!h.past.length) return h;
  return {
    past: h.past.slice(0, -1),
    present: h.past[h.past.length - 1],
    future: [h.present, ...h.future],
    lastKey: null,
  };
}

/** Steps forward one undone edit. */
export function redo(h: History): History {
  if (!h.future.length) return h;
  return {
    past: [...h.past, h.present],
    present: h.future[0],
    future: h.future.slice(1),
    lastKey: null,
  };
}

/** Ends coalescing, so the next command starts a new undo step (e.g. on drag end or blur). */
export function seal(h: History): History {
  return h.lastKey === null ? h : { ...h, lastKey: null };
}
