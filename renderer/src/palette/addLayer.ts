// Adding a layer from the palette: a fresh Keras-style name, the layer's default params, and a
// spot that does not cover an existing node exactly (repeated adds step diagonally).
import type { Command } from '../../../engine/document/commands.ts';
import { uniqueId, uniqueName } from '../../../engine/document/commands.ts';
import type { Project } from '../../../engine/document/schema.ts';
import { layerRegistry } from '../../../engine/layers/registry.ts';

/** Diagonal step between layers added at the same spot. */
export const STACK_STEP = 32;

/** MIME type of a palette drag (the layer type as text). */
export const LAYER_MIME = 'application/x-layerloom-layer';

/** `position`, moved diagonally until no node sits within half a step of it. */
export function freeSpot(
  doc: Project,
  position: { x: number; y: number },
): { x: number; y: number } {
  let p = { x: Math.round(position.x), y: Math.round(position.y) };
  const near = (q: { x: number; y: number }) =>
    doc.nodes.some(
      (n) =>
        Math.abs(n.position.x - q.x) < STACK_STEP / 2 &&
        Math.abs(n.position.y - q.y) < STACK_STEP / 2,
    );
  for (let i = 0; i < doc.nodes.length && near(p); i++)
    p = { x: p.x + STACK_STEP, y: p.y + STACK_STEP };
  return p;
}

/** The addNodes command for a new layer of `type` at `position`, and the new node's id. */
export function addLayerCommand(
  doc: Project,
  type: string,
  position: { x: number; y: number },
): { command: Command; id: string } | null {
  const def = layerRegistry.get(type);
  if (!def) return null;
  const id = uniqueId(doc, def.defaultName);
  const node = {
    id,
    type: def.type,
    name: uniqueName(doc, def.defaultName),
    params: def.params.parse({}) as Record<string, unknown>,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
  return { command: { type: 'addNodes', nodes: [node] }, id };
}
