// Canvas edits that act on the current selection (keyboard shortcuts and toolbar buttons). Each
// one is a single command, so it is one undo step (a nudge burst is coalesced by the caller).
import type { Command } from '../../../engine/document/commands.ts';
import { actions, getState } from '../state/store.ts';
import { readClipboard, writeClipboard } from './clipboard.ts';
import { parseFragment, pasteCommand, selectionFragment, type Fragment } from './fragment.ts';
import { layoutCommand, type Size } from './layout.ts';

/** How far each paste/duplicate shifts the copies. */
export const PASTE_OFFSET = 40;

let lastCopied: string | null = null;
let pastes = 0;

function doc() {
  return getState().history.present;
}

function insertFragment(frag: Fragment, shift: number): void {
  const { command, ids } = pasteCommand(doc(), frag, { x: shift, y: shift });
  actions.execute(command);
  actions.select(ids, []);
}

/** Deletes the selected nodes (with their edges) and the selected edges, as one step. */
export function deleteSelection(nodeIds?: string[], edgeIds?: string[]): void {
  const s = getState();
  const nodes = nodeIds ?? [...s.nodes];
  const edges = edgeIds ?? [...s.edges];
  const commands: Command[] = [];
  if (edges.length) commands.push({ type: 'removeEdges', ids: edges });
  if (nodes.length) commands.push({ type: 'removeNodes', ids: nodes });
  if (commands.length) actions.execute({ type: 'batch', commands });
}

/** Copies the selected nodes and the edges between them; false when nothing is selected. */
export async function copySelection(): Promise<boolean> {
  const ids = getState().nodes;
  if (!ids.length) return false;
  const text = JSON.stringify(selectionFragment(doc(), ids));
  lastCopied = text;
  pastes = 0;
  await writeClipboard(text);
  return true;
}

/** Copies, then deletes, the selection. */
export async function cutSelection(): Promise<boolean> {
  const s = getState();
  const nodes = [...s.nodes];
  const edges = [...s.edges];
  if (!(await copySelection())) return false;
  deleteSelection(nodes, edges);
  return true;
}

/** Pastes clipboard layers (a copied selection or a whole project); false when there are none. */
export async function paste(): Promise<boolean> {
  const text = await readClipboard();
  const frag = text === null ? null : parseFragment(text);
  if (!frag) return false;
  // Repeated pastes of one copy step diagonally; a cut pastes back in place first.
  if (text !== lastCopied) {
    lastCopied = text;
    pastes = 0;
  }
  const present = new Set(doc().nodes.map((n) => n.id));
  const overlaps = frag.nodes.some((n) => present.has(n.id));
  pastes = overlaps ? pastes + 1 : pastes;
  insertFragment(frag, pastes * PASTE_OFFSET);
  return true;
}

/** Duplicates the selected nodes (and the edges between them) beside the originals. */
export function duplicateSelection(): void {
  const ids = getState().nodes;
  if (ids.length) insertFragment(selectionFragment(doc(), ids), PASTE_OFFSET);
}

/** Selects every node and edge. */
export function selectAll(): void {
  const d = doc();
  actions.select(
    d.nodes.map((n) => n.id),
    d.edges.map((e) => e.id),
  );
}

/** Moves the selected nodes by (dx, dy); consecutive nudges merge into one undo step. */
export function nudgeSelection(dx: number, dy: number): boolean {
  const ids = new Set(getState().nodes);
  if (!ids.size) return false;
  const moves = doc()
    .nodes.filter((n) => ids.has(n.id))
    .map((n) => ({ id: n.id, position: { x: n.position.x + dx, y: n.position.y + dy } }));
  actions.execute({ type: 'moveNodes', moves }, 'nudge');
  return true;
}

/** Lays the graph out left to right (one undo step). */
export function autoLayout(sizes: ReadonlyMap<string, Size>): void {
  const cmd = layoutCommand(doc(), sizes);
  if (cmd) {
    actions.execute(cmd);
    actions.seal();
  }
}
