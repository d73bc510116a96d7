import { describe, expect, it } from 'vitest';
import { inferShapes } from '../../../engine/graph/infer.ts';
import { templates } from './templates.ts';

describe('templates', () => {
  it('parses every bundled example into a valid model', () => {
    for (const t of templates.filter((t) => t.id !== 'blank')) {
      const doc = t.create();
      expect(doc.nodes.length, t.id).toBeGreaterThan(1);
      expect(inferShapes(doc).valid, t.id).toBe(true);
    }
  });
  it('starts blank with no nodes, and returns a fresh document each time', () => {
    const blank = templates[0];
    expect(blank.create().nodes).toEqual([]);
    const t = templates.find((t) => t.id === 'two-tower')!;
    expect(t.create()).not.toBe(t.create());
    expect(t.create().name).toBe('two_tower');
  });
});
