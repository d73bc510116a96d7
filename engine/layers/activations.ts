// The activations a layer can apply, by their Keras names. Each maps to one op (softmax over
// the last axis, as keras.activations.softmax's default).
import { z } from 'zod';
import type { Ops } from '../ops/api.ts';
import type { Sym } from '../ops/types.ts';

/** Activation names, Keras spelling; 'linear' is the identity. */
export const ActivationSchema = z.enum(['linear', 'relu', 'sigmoid', 'tanh', 'softmax']);

/** One activation name. */
export type ActivationName = z.infer<typeof ActivationSchema>;

/** All activation names, in menu order. */
export const ACTIVATIONS: readonly ActivationName[] = ActivationSchema.options;

/** Emits `name(x)` with the typed op vocabulary. */
export function applyActivation(o: Ops, name: ActivationName, x: Sym): Sym {
  switch (name) {
    case 'linear':
      return x;
    case 'relu':
      return o.relu(x);
    case 'sigmoid':
      return o.sigmoid(x);
    case 'tanh':
      return o.tanh(x);
    case 'softmax':
      return o.softmax(x, -1);
  }
}
