import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { isLoomError } from '../errors.ts';
import { getLayer, layerRegistry } from './registry.ts';
import type { SymShape } from './types.ts';

const paramCount = (type: string, params: unknown, inputs: SymShape[]) => {
  const def = getLayer(type);
  return def
    .weights(def.params.parse(params), inputs)
    .reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
};

describe('layerRegistry', () => {
  it('lists the layers in palette order', () => {
    expect([...layerRegistry.keys()]).toEqual([
      'Input',
      'Dense',
      'Concatenate',
      'Add',
      'Dropout',
      'Flatten',
      'Activation',
    ]);
    for (const [type, def] of layerRegistry) expect(def.type).toBe(type);
  });

  it('gives every layer valid defaults and a label and help for every field', () => {
    for (const def of layerRegistry.values()) {
      const parsed = def.params.safeParse({});
      expect(parsed.success, def.type).toBe(true);
      expect(def.description.length).toBeGreaterThan(10);
      const shape = (def.params as unknown as z.ZodObject).shape;
      for (const [key, field] of Object.entries(shape)) {
        const meta = z.globalRegistry.get(field as z.ZodType) as
          { label?: string; help?: string } | undefined;
        expect(meta?.label, `${def.type}.${key}`).toBeTruthy();
        expect(meta?.help, `${def.type}.${key}`).toBeTruthy();
      }
    }
  });

  it('outputs shapes that feed each other: two-tower and MLP param counts match Keras', () => {
    const x: SymShape = [null, 2];
    expect(paramCount('Input', { shape: [2] }, [])).toBe(0);
    expect(paramCount('Dense', { units: 1 }, [x])).toBe(3);
    expect(paramCount('Dense', { units: 2 }, [x])).toBe(6);
    const towers = [
      getLayer('Dense').outputShape(getLayer('Dense').params.parse({ units: 1 }), [x]),
      getLayer('Dense').outputShape(getLayer('Dense').params.parse({ units: 2 }), [x]),
    ];
    const concat = getLayer('Concatenate');
    const joined = concat.outputShape(concat.params.parse({}), towers);
    expect(joined).toEqual([null, 3]);
    expect(paramCount('Concatenate', {}, towers)).toBe(0);
    expect(paramCount('Dense', { units: 1 }, [joined])).toBe(4);

    const flat = getLayer('Flatten').outputShape({}, [[null, 28, 28]]);
    expect(paramCount('Dense', { units: 512, activation: 'relu' }, [flat])).toBe(401_920);
    expect(paramCount('Dropout', { rate: 0.2 }, [[null, 512]])).toBe(0);
    expect(paramCount('Dense', { units: 10, activation: 'softmax' }, [[null, 512]])).toBe(5_130);
  });

  it('getLayer names the unknown type and the known ones', () => {
    try {
      getLayer('Conv2D');
      expect.unreachable();
    } catch (e) {
      expect(isLoomError(e) && e.code).toBe('graph/structure');
      expect((e as Error).message).toContain("'Conv2D'");
      expect((e as Error).message).toContain(
        'Input, Dense, Concatenate, Add, Dropout, Flatten, Activation',
      );
    }
  });
});
