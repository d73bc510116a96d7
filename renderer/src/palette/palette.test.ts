import { describe, expect, it } from 'vitest';
import { apply } from '../../../engine/document/commands.ts';
import { ProjectSchema } from '../../../engine/document/schema.ts';
import { layerRegistry } from '../../../engine/layers/registry.ts';
import { STACK_STEP, addLayerCommand, freeSpot } from './addLayer.ts';
import { matchLayers } from './match.ts';

describe('addLayerCommand', () => {
  it('adds layers with Keras-style names and default params', () => {
    let doc = ProjectSchema.parse({ schemaVersion: 1 });
    for (let i = 0; i < 3; i++) {
      const added = addLayerCommand(doc, 'Dense', { x: 10.4, y: 20.6 })!;
      doc = apply(doc, added.command);
    }
    expect(doc.nodes.map((n) => n.name)).toEqual(['dense', 'dense_1', 'dense_2']);
    expect(new Set(doc.nodes.map((n) => n.id)).size).toBe(3);
    expect(doc.nodes[0].params).toMatchObject({ units: 32, activation: 'linear', useBias: true });
    expect(doc.nodes[0].position).toEqual({ x: 10, y: 21 });
    expect(addLayerCommand(doc, 'Conv9D', { x: 0, y: 0 })).toBeNull();
  });
});

describe('freeSpot', () => {
  it('steps diagonally past nodes already at the spot', () => {
    let doc = ProjectSchema.parse({ schemaVersion: 1 });
    const spots = [];
    for (let i = 0; i < 3; i++) {
      const p = freeSpot(doc, { x: 100, y: 100 });
      spots.push(p);
      doc = apply(doc, addLayerCommand(doc, 'Input', p)!.command);
    }
    expect(spots).toEqual([
      { x: 100, y: 100 },
      { x: 100 + STACK_STEP, y: 100 + STACK_STEP },
      { x: 100 + 2 * STACK_STEP, y: 100 + 2 * STACK_STEP },
    ]);
  });
});

describe('matchLayers', () => {
  it('lists every layer for an empty query, names first for a query', () => {
    expect(matchLayers('').length).toBe(layerRegistry.size);
    expect(matchLayers('den')[0].type).toBe('Dense');
    expect(matchLayers('CONCAT').map((d) => d.type)).toEqual(['Concatenate']);
    expect(matchLayers('zzzz')).toEqual([]);
  });
});
