// Canvas keyboard shortcuts. They act only when focus is on the canvas or on nothing (the page
// body), so typing in a form field or copying text elsewhere keeps its usual meaning. Undo/redo
// are global shortcuts owned by the shell, not bound here.
import { useEffect, type RefObject } from 'react';
import { actions, getState } from '../state/store.ts';
import {
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  nudgeSelection,
  paste,
  selectAll,
} from './edits.ts';

/** Nudge distances in flow units: a plain arrow press, and with Shift. */
export const NUDGE = { step: 10, big: 50 };

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

function editable(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLElement && el.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * Binds the canvas shortcuts while mounted (Escape clears the selection, Delete/Backspace deletes
 * it, edges included); `onLayout` runs for Shift+L.
 */
export function useCanvasKeys(root: RefObject<HTMLElement | null>, onLayout: () => void): void {
  useEffect(() => {
    const ours = (e: KeyboardEvent) => {
      // A modal dialog owns the keyboard while it is open.
      if (document.querySelector('[aria-modal="true"]')) return false;
      const el = document.activeElement;
      if (editable(e.target as Element | null) || editable(el)) return false;
      return !el || el === document.body || Boolean(root.current?.contains(el));
    };
    let nudging = false;
    const down = (e: KeyboardEvent) => {
      if (!ours(e)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (mod && !e.altKey && !e.shiftKey) {
        const run: Record<string, () => unknown> = {
          a: selectAll,
          c: copySelection,
          x: cutSelection,
          v: paste,
          d: duplicateSelection,
        };
        // Without selected layers, copy/cut/duplicate keep the browser's meaning (copying text).
        const needsSelection = key === 'c' || key === 'x' || key === 'd';
        if (run[key] && !(needsSelection && !getState().nodes.length)) {
          e.preventDefault();
          void run[key]();
        }
        return;
      }
      if (key === 'Escape' && !mod && !e.altKey && !e.shiftKey) {
        actions.select([], []);
        return;
      }
      if ((key === 'Delete' || key === 'Backspace') && !mod && !e.altKey) {
        const s = getState();
        if (s.nodes.length || s.edges.length) {
          e.preventDefault();
          deleteSelection();
        }
        return;
      }
      if (!mod && !e.altKey && e.shiftKey && key === 'l') {
        e.preventDefault();
        onLayout();
        return;
      }
      const dir = ARROWS[e.key];
      if (dir && !mod && !e.altKey) {
        const step = e.shiftKey ? NUDGE.big : NUDGE.step;
        if (nudgeSelection(dir[0] * step, dir[1] * step)) {
          e.preventDefault();
          nudging = true;
        }
      }
    };
    // A key-repeat burst is one undo step: the step closes when the arrow is released.
    const up = (e: KeyboardEvent) => {
      if (nudging && ARROWS[e.key]) {
        nudging = false;
        actions.seal();
      }
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [root, onLayout]);
}
