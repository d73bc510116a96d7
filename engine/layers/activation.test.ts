import { describe, it, expect } from 'vitest';
import { Activation } from './activation.ts';
import { ACTIVATIONS } from './activations.ts';

describe('Activation', () => {
  it('validates the name and keeps the shape', () => {
    expect(ACTIVATIONS).toEqual(['linear', 'relu', 'sigmoid', 'tanh', 'softmax']);
    expect(Activation.params.parse({})).toEqual({ activation: 'relu' });
    expect(Activation.params.safeParse({ activation: 'swish' }).success).toBe(false);
    expect(Activation.outputShape({ activation: 'tanh' }, [[null, 4, 2]])).toEqual([null, 4, 2]);
    expect(Activation.weights({ activation: 'tanh' }, [[null, 4]])).toEqual([]);
  });

  it('exports the Keras config and shows its function', () => {
    expect(Activation.kerasConfig({ activation: 'sigmoid' }, 'act')).toMatchObject({
      name: 'act',
      trainable: true,
      activation: 'sigmoid',
    });
    expect(Activation.inline({ activation: 'softmax' })).toBe('softmax');
  });
});
