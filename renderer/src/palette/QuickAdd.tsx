// Quick-add: `/` or Ctrl/Cmd+K opens a search over the layer registry; typing filters, arrows move,
// Enter adds the highlighted layer at the centre of the canvas, Esc closes.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { LayerDef } from '../../../engine/layers/types.ts';
import { insertLayerAtCentre } from './insert.ts';
import { matchLayers } from './match.ts';

function editable(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The quick-add dialog and its global opening shortcut. */
export function QuickAdd() {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const returnFocus = useRef<Element | null>(null);
  const matches = useMemo(() => matchLayers(query), [query]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const slash = e.key === '/' && !mod && !e.altKey;
      const k = e.key.toLowerCase() === 'k' && mod && !e.altKey && !e.shiftKey;
      if (!(slash || k) || editable(e.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      returnFocus.current = document.activeElement;
      setQuery('');
      setActive(0);
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!open) return null;
  const close = () => {
    setOpen(false);
    const el = returnFocus.current;
    if (el instanceof HTMLElement) el.focus();
  };
  const add = (def: LayerDef | undefined) => {
    if (!def) return;
    insertLayerAtCentre(def.type);
    close();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      add(matches[active]);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = matches.length;
      if (n) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    }
  };
  const optionId = (def: LayerDef) => `quick-add-${def.type}`;
  return (
    <div className="quick-add__backdrop" onMouseDown={close}>
      <div
        className="quick-add"
        role="dialog"
        aria-modal="true"
        aria-label="Add layer"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <input
          className="quick-add__input"
          role="combobox"
          aria-label="Search layers"
          aria-expanded="true"
          aria-controls="quick-add-list"
          aria-activedescendant={matches[active] ? optionId(matches[active]) : undefined}
          placeholder="Add a layer…"
          autoFocus
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        <ul className="quick-add__list" id="quick-add-list" role="listbox" aria-label="Layers">
          {matches.map((def, i) => (
            <li
              key={def.type}
              id={optionId(def)}
              role="option"
              aria-selected={i === active}
              className="quick-add__option"
              onMouseDown={(e) => {
                e.preventDefault();
                add(def);
              }}
            >
              <span className="quick-add__type">{def.type}</span>
              <span className="quick-add__desc">{def.description}</span>
            </li>
          ))}
          {!matches.length && <li className="quick-add__empty">No layer matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
