// The bottom dock: a tab strip (WAI-ARIA tabs: arrows move between tabs) over the active panel.
import { useRef } from 'react';
import { showDockTab, useDockTab } from './dockState.ts';
import type { DockTab } from './dockTabs.tsx';

/** The dock showing one of `tabs` at a time. */
export function Dock({ tabs }: { tabs: readonly DockTab[] }) {
  const active = useDockTab() ?? tabs[0]?.id ?? '';
  const setActive = showDockTab;
  const strip = useRef<HTMLDivElement>(null);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  const focusTab = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    setActive(tab.id);
    strip.current?.querySelector<HTMLElement>(`#dock-tab-${tab.id}`)?.focus();
  };
  return (
    <section className="dock" aria-label="Dock">
      <div className="dock__tabs" role="tablist" aria-label="Panels" ref={strip}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            id={`dock-tab-${t.id}`}
            type="button"
            role="tab"
            className="dock__tab"
            aria-selected={t.id === current?.id}
            aria-controls={`dock-panel-${t.id}`}
            tabIndex={t.id === current?.id ? 0 : -1}
            onClick={() => setActive(t.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') focusTab(i + 1);
              else if (e.key === 'ArrowLeft') focusTab(i - 1);
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      {current && (
        <div
          className="dock__panel"
          role="tabpanel"
          id={`dock-panel-${current.id}`}
          aria-labelledby={`dock-tab-${current.id}`}
        >
          <current.Panel />
        </div>
      )}
    </section>
  );
}
