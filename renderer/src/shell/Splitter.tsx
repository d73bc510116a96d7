// A draggable, keyboard-resizable divider between two panels (WAI-ARIA window splitter pattern:
// role="separator" with a value; arrows move it by 16 px, Home/End jump to the limits).
import { useRef } from 'react';

const STEP = 16;

/** Props: the current size, its bounds, and how a pointer movement changes it. */
export interface SplitterProps {
  label: string;
  orientation: 'vertical' | 'horizontal';
  value: number;
  min: number;
  max: number;
  /** +1 when dragging right/down grows the panel, −1 when it shrinks it. */
  direction: 1 | -1;
  onChange(value: number): void;
}

/** The splitter element. `vertical` separates columns (drag left/right). */
export function Splitter(p: SplitterProps) {
  const drag = useRef<{ start: number; value: number } | null>(null);
  const axis = (e: { clientX: number; clientY: number }) =>
    p.orientation === 'vertical' ? e.clientX : e.clientY;
  const grow =
    p.orientation === 'vertical' ? ['ArrowRight', 'ArrowLeft'] : ['ArrowDown', 'ArrowUp'];
  return (
    <div
      className={`splitter splitter--${p.orientation}`}
      role="separator"
      tabIndex={0}
      aria-label={p.label}
      aria-orientation={p.orientation}
      aria-valuenow={p.value}
      aria-valuemin={p.min}
      aria-valuemax={p.max}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { start: axis(e), value: p.value };
      }}
      onPointerMove={(e) => {
        if (!drag.current) return;
        p.onChange(drag.current.value + p.direction * (axis(e) - drag.current.start));
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
      onKeyDown={(e) => {
        let next: number | null = null;
        if (e.key === grow[0]) next = p.value + p.direction * STEP;
        else if (e.key === grow[1]) next = p.value - p.direction * STEP;
        else if (e.key === 'Home') next = p.min;
        else if (e.key === 'End') next = p.max;
        if (next === null) return;
        e.preventDefault();
        p.onChange(next);
      }}
    />
  );
}
