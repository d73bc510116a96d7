// Inserts a layer into the open document (palette click/Enter, quick-add, drop) and selects it.
import { actions, getState } from '../state/store.ts';
import { DEFAULT_NODE_SIZE } from '../canvas/layout.ts';
import { viewCentre } from '../canvas/view.ts';
import { addLayerCommand, freeSpot } from './addLayer.ts';

/** Adds a layer whose top-left corner is `position` (nudged off any node already there). */
export function insertLayer(type: string, position: { x: number; y: number }): void {
  const doc = getState().history.present;
  const added = addLayerCommand(doc, type, freeSpot(doc, position));
  if (!added) return;
  actions.execute(added.command);
  actions.select([added.id]);
}

/** Adds a layer centred in the visible canvas. */
export function insertLayerAtCentre(type: string): void {
  const c = viewCentre();
  insertLayer(type, {
    x: c.x - DEFAULT_NODE_SIZE.width / 2,
    y: c.y - DEFAULT_NODE_SIZE.height / 2,
  });
}
