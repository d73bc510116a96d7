import { beforeEach, describe, expect, it } from 'vitest';
import { ProjectSchema } from '../../../engine/document/schema.ts';
import { actions, getState } from '../state/store.ts';
import {
  PASTE_OFFSET,
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  nudgeSelection,
  paste,
  selectAll,
} from './edits.ts';

// Node has no clipboard permission here, so these also exercise the in-memory fallback.

const doc = () => getState().history.present;
const names = () => doc().nodes.map((n) => n.name);

beforeEach(() => {
  actions.load(
    ProjectSchema.parse({
      schemaVersion: 1,
      nodes: [
        { id: 'x', type: 'Input', name: 'input_layer', params: { shape: [2] } },
        { id: 'a', type: 'Dense', name: 'dense', position: { x: 100, y: 0 } },
      ],
      edges: [{ id: 'e', source: { node: 'x', port: 'out' }, target: { node: 'a', port: 'in' } }],
    }),
    'test.loom',
  );
});

describe('canvas edits', () => {
  it('copies and pastes with an offset that grows per paste', async () => {
    selectAll();
    expect(await copySelection()).toBe(true);
    expect(await paste()).toBe(true);
    expect(await paste()).toBe(true);
    expect(names()).toEqual([
      'input_layer',
      'dense',
      'input_layer_1',
      'dense_1',
      'input_layer_2',
      'dense_2',
    ]);
    expect(doc().nodes[3].position).toEqual({ x: 100 + PASTE_OFFSET, y: PASTE_OFFSET });
    expect(doc().nodes[5].position).toEqual({ x: 100 + 2 * PASTE_OFFSET, y: 2 * PASTE_OFFSET });
    expect(doc().edges).toHaveLength(3);
    expect(getState().nodes).toEqual([doc().nodes[4].id, doc().nodes[5].id]);
  });

  it('cuts as one undo step and pastes back in place', async () => {
    actions.select(['a']);
    await cutSelection();
    expect(names()).toEqual(['input_layer']);
    expect(doc().edges).toHaveLength(0);
    await paste();
    expect(names()).toEqual(['input_layer', 'dense']);
    expect(doc().nodes[1].position).toEqual({ x: 100, y: 0 });
    actions.undo();
    actions.undo();
    expect(names()).toEqual(['input_layer', 'dense']);
    expect(doc().edges).toHaveLength(1);
  });

  it('copies nothing without a selection', async () => {
    actions.select([]);
    expect(await copySelection()).toBe(false);
  });

  it('duplicates and deletes the selection', () => {
    actions.select(['a']);
    duplicateSelection();
    expect(names()).toEqual(['input_layer', 'dense', 'dense_1']);
    deleteSelection();
    expect(names()).toEqual(['input_layer', 'dense']);
    actions.select([], ['e']);
    deleteSelection();
    expect(doc().edges).toHaveLength(0);
    expect(names()).toEqual(['input_layer', 'dense']);
  });

  it('merges a burst of nudges into one undo step', () => {
    actions.select(['a']);
    nudgeSelection(10, 0);
    nudgeSelection(10, 0);
    nudgeSelection(0, 50);
    expect(doc().nodes[1].position).toEqual({ x: 120, y: 50 });
    actions.seal();
    nudgeSelection(-10, 0);
    actions.undo();
    expect(doc().nodes[1].position).toEqual({ x: 120, y: 50 });
    actions.undo();
    expect(doc().nodes[1].position).toEqual({ x: 100, y: 0 });
    actions.select([]);
    expect(nudgeSelection(10, 0)).toBe(false);
  });
});
