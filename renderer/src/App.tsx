// The app shell: title bar plus the palette / canvas / inspector layout. Panels are placeholders
// until their own issues land; nothing here depends on Electron (window.layerloom is optional).
import { useEffect, useState } from 'react';
import type { LayerloomBridge } from '../../electron/api.ts';

/** Reads the desktop version through the bridge; stays null in a plain browser. */
function useDesktopVersion(): string | null {
  const [version, setVersion] = useState<string | null>(null);
  useEffect(() => {
    const bridge: LayerloomBridge | undefined = window.layerloom;
    if (!bridge) return;
    let live = true;
    bridge.version().then(
      (v) => {
        if (live) setVersion(v);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return version;
}

/** The root component: title bar and the three-pane workspace. */
export function App() {
  const version = useDesktopVersion();
  return (
    <div className="app">
      <header className="titlebar">
        <h1 className="titlebar__name">Layerloom</h1>
        <span className="titlebar__mode">{version ? `desktop ${version}` : 'web'}</span>
      </header>
      <main className="workspace">
        <aside className="pane pane--palette" aria-label="Palette">
          <h2 className="pane__title">Palette</h2>
        </aside>
        <section className="pane pane--canvas" aria-label="Canvas">
          <p className="pane__hint">Drag layers from the palette to start a model.</p>
        </section>
        <aside className="pane pane--inspector" aria-label="Inspector">
          <h2 className="pane__title">Inspector</h2>
        </aside>
      </main>
    </div>
  );
}
