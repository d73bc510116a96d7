// The layer registry: one line per layer, in palette order. Palette, node UI, inspector, shape
// inference, summary, compiler and exporters all read layers from here.
import { LoomError } from '../errors.ts';
import { Activation } from './activation.ts';
import { Add } from './add.ts';
import { Concatenate } from './concatenate.ts';
import { Dense } from './dense.ts';
import { Dropout } from './dropout.ts';
import { Flatten } from './flatten.ts';
import { Input } from './input.ts';
import type { LayerDef } from './types.ts';

const all: LayerDef[] = [Input, Dense, Concatenate, Add, Dropout, Flatten, Activation];

/** Every layer type by name, in palette order. */
export const layerRegistry: ReadonlyMap<string, LayerDef> = new Map(all.map((l) => [l.type, l]));

/** Looks up a layer type; throws a LoomError naming the unknown type and the known ones. */
export function getLayer(type: string): LayerDef {
  const def = layerRegistry.get(type);
  if (!def)
    throw new LoomError(
      'graph/structure',
      `unknown layer type '${type}'`,
      {},
      `Use one of: ${[...layerRegistry.keys()].join(', ')}.`,
    );
  return def;
}
