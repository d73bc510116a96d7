// The layer palette, generated from the layer registry and grouped by category. An item is added
// by dragging it onto the canvas, by double-click, or by Enter when focused; `/` or Ctrl/Cmd+K
// opens the quick-add search.
import './palette.css';
import type { DragEvent, KeyboardEvent } from 'react';
import { layerRegistry } from '../../../engine/layers/registry.ts';
import type { LayerDef } from '../../../engine/layers/types.ts';
import { LAYER_MIME } from './addLayer.ts';
import { insertLayerAtCentre } from './insert.ts';
import { QuickAdd } from './QuickAdd.tsx';

/** Registry layers by category, both in registry (palette) order. */
export function layerGroups(): [string, LayerDef[]][] {
  const groups = new Map<string, LayerDef[]>();
  for (const def of layerRegistry.values())
    groups.set(def.category, [...(groups.get(def.category) ?? []), def]);
  return [...groups];
}

const GROUPS = layerGroups();

function onDragStart(e: DragEvent<HTMLButtonElement>): void {
  const type = e.currentTarget.dataset.layer;
  if (!type) return;
  e.dataTransfer.setData(LAYER_MIME, type);
  e.dataTransfer.setData('text/plain', type);
  e.dataTransfer.effectAllowed = 'copy';
}

function onDoubleClick(e: { currentTarget: HTMLButtonElement }): void {
  const type = e.currentTarget.dataset.layer;
  if (type) insertLayerAtCentre(type);
}

function onKeyDown(e: KeyboardEvent<HTMLButtonElement>): void {
  if (e.key !== 'Enter') return;
  e.preventDefault();
  onDoubleClick(e);
}

/** The palette pane's content: every layer type, grouped by category. */
export function Palette() {
  return (
    <div className="palette">
      {GROUPS.map(([category, defs]) => (
        <section key={category} className="palette__group" aria-label={category}>
          <h3 className="palette__category">{category}</h3>
          <ul className="palette__list">
            {defs.map((def) => (
              <li key={def.type}>
                <button
                  type="button"
                  className="palette__item"
                  draggable
                  data-layer={def.type}
                  title={`${def.description} Drag onto the canvas, double-click or press Enter to add.`}
                  onDragStart={onDragStart}
                  onDoubleClick={onDoubleClick}
                  onKeyDown={onKeyDown}
                >
                  {def.type}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p className="palette__hint">
        Press <kbd>/</kbd> or <kbd>Ctrl</kbd>+<kbd>K</kbd> to add a layer by name.
      </p>
      <QuickAdd />
    </div>
  );
}
