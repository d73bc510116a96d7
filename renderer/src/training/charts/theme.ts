// Theme for canvas-drawn charts. Canvases cannot use CSS variables, so colours are read from the
// app's variables (App.css) when a chart is built, and charts rebuild when the OS theme flips.
import { useSyncExternalStore } from 'react';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeTheme(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const m = matchMedia(DARK_QUERY);
  m.addEventListener('change', onChange);
  return () => m.removeEventListener('change', onChange);
}

/** Whether the dark theme is in effect right now. */
export function isDarkTheme(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

/** Whether the dark theme is in effect; re-renders when it changes. */
export function useDarkTheme(): boolean {
  return useSyncExternalStore(subscribeTheme, isDarkTheme);
}

/** Line colours, distinguishable in both themes (Tableau 10, brighter variants for dark). */
const SERIES: Record<'light' | 'dark', string[]> = {
  light: [
    '#4e79a7',
    '#e15759',
    '#59a14f',
    '#f28e2b',
    '#b07aa1',
    '#76b7b2',
    '#edc948',
    '#ff9da7',
    '#9c755f',
    '#bab0ac',
  ],
  dark: [
    '#7aa2f7',
    '#ff7a85',
    '#8fd18a',
    '#ffb062',
    '#d7a3c9',
    '#8fd6d0',
    '#f5da6e',
    '#ffc0c7',
    '#c9a68f',
    '#d5ceca',
  ],
};

/** The i-th series colour of a theme (wrapping around). */
export function seriesColor(i: number, dark: boolean): string {
  const list = SERIES[dark ? 'dark' : 'light'];
  return list[i % list.length];
}

/** A CSS variable's value on an element, or the fallback when it is not set. */
export function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/** Axis text, grid and tick colours for charts inside `el`. */
export function axisColors(el: Element): { text: string; grid: string } {
  return { text: cssVar(el, '--muted', '#5f6b7a'), grid: cssVar(el, '--border', '#d9dde3') };
}
