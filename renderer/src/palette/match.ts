// Quick-add search over the layer registry.
import { layerRegistry } from '../../../engine/layers/registry.ts';
import type { LayerDef } from '../../../engine/layers/types.ts';

/** Layers matching `query` (type, Keras class or description), name matches first. */
export function matchLayers(query: string): LayerDef[] {
  const q = query.trim().toLowerCase();
  const all = [...layerRegistry.values()];
  if (!q) return all;
  const byName = all.filter(
    (d) => d.type.toLowerCase().includes(q) || d.kerasClass.toLowerCase().includes(q),
  );
  const byText = all.filter((d) => !byName.includes(d) && d.description.toLowerCase().includes(q));
  const starts = (d: LayerDef) => (d.type.toLowerCase().startsWith(q) ? 0 : 1);
  return [...byName.sort((a, b) => starts(a) - starts(b)), ...byText];
}
