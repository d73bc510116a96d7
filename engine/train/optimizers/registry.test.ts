import { describe, expect, it } from 'vitest';
import { isLoomError } from '../../errors.ts';
import { getOptimizer, optimizerRegistry } from './registry.ts';

describe('optimizer registry', () => {
  it('lists every optimizer type once', () => {
    expect([...optimizerRegistry.keys()]).toEqual(['sgd', 'rmsprop', 'adam', 'adamw', 'adagrad']);
    for (const [type, def] of optimizerRegistry) expect(def.type).toBe(type);
  });

  it('gives every hyperparameter a label and help text', () => {
    for (const def of optimizerRegistry.values()) {
      const shape = (def.hyper as unknown as { shape: Record<string, { meta(): unknown }> }).shape;
      for (const field of Object.values(shape)) {
        const meta = field.meta() as { label?: string; help?: string };
        expect(meta.label).toBeTruthy();
        expect(meta.help).toBeTruthy();
      }
    }
  });

  it("throws LoomError 'train/config' for an unknown type", () => {
    try {
      getOptimizer('lion');
      expect.unreachable();
    } catch (e) {
      expect(isLoomError(e) && e.code).toBe('train/config');
      expect((e as Error).message).toContain('adam');
    }
  });
});
