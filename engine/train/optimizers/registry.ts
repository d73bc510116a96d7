// The optimizer registry: one line per optimizer. The session, the inspector form and the
// exporters look optimizers up here.
import { LoomError } from '../../errors.ts';
import { adagrad } from './adagrad.ts';
import { adam } from './adam.ts';
import { adamw } from './adamw.ts';
import { rmsprop } from './rmsprop.ts';
import { sgd } from './sgd.ts';
import type { OptimizerDef, OptimizerType } from './types.ts';

const all = [sgd, rmsprop, adam, adamw, adagrad] as unknown as OptimizerDef<unknown>[];

/** Every optimizer by type, in palette order. */
export const optimizerRegistry: ReadonlyMap<OptimizerType, OptimizerDef<unknown>> = new Map(
  all.map((o) => [o.type, o]),
);

/** Looks up an optimizer; throws LoomError('train/config') for an unknown type. */
export function getOptimizer(type: string): OptimizerDef<unknown> {
  const def = optimizerRegistry.get(type as OptimizerType);
  if (!def)
    throw new LoomError(
      'train/config',
      `unknown optimizer '${type}'`,
      { param: 'optimizer' },
      `Choose one of: ${[...optimizerRegistry.keys()].join(', ')}.`,
    );
  return def;
}
