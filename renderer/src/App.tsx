// The app shell: title bar and toolbar, then palette | canvas over the dock | inspector, with
// draggable splitters. Nothing here depends on Electron (window.layerloom is optional).
import { useEffect, useState } from 'react';
import { Canvas } from './canvas/Canvas.tsx';
import { FileDropTarget } from './data/FileDropTarget.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { useShortcuts } from './keyboard/useShortcuts.ts';
import { Palette } from './palette/Palette.tsx';
import { useAutosave, useUnloadGuard } from './projects/useAutosave.ts';
import { useDesktopBridge } from './projects/useDesktopBridge.ts';
import { Dock } from './shell/Dock.tsx';
import { dockTabs } from './shell/dockTabs.tsx';
import { clampSize, loadSizes, saveSizes, SIZE_LIMITS, type PanelSizes } from './shell/layout.ts';
import { ModalHost } from './shell/ModalHost.tsx';
import { Splitter } from './shell/Splitter.tsx';
import { TitleBar } from './shell/TitleBar.tsx';

/** Panel sizes in state, clamped on change and remembered in localStorage. */
function usePanelSizes() {
  const [sizes, setSizes] = useState<PanelSizes>(() => loadSizes(localStorage));
  useEffect(() => saveSizes(localStorage, sizes), [sizes]);
  const bind = (key: keyof PanelSizes) => ({
    value: sizes[key],
    min: SIZE_LIMITS[key].min,
    max: SIZE_LIMITS[key].max,
    onChange: (v: number) => setSizes((s) => ({ ...s, [key]: clampSize(key, v) })),
  });
  return { sizes, bind };
}

/** The root component. */
export function App() {
  useShortcuts();
  useAutosave();
  useUnloadGuard();
  useDesktopBridge();
  const { sizes, bind } = usePanelSizes();
  return (
    <div className="app">
      <TitleBar />
      <main
        className="workspace"
        style={{ gridTemplateColumns: `${sizes.palette}px auto 1fr auto ${sizes.inspector}px` }}
      >
        <aside className="pane pane--palette" aria-label="Palette">
          <h2 className="pane__title">Layers</h2>
          <Palette />
        </aside>
        <Splitter
          label="Resize palette"
          orientation="vertical"
          direction={1}
          {...bind('palette')}
        />
        <div className="center" style={{ gridTemplateRows: `1fr auto ${sizes.dock}px` }}>
          <section className="pane pane--canvas" aria-label="Canvas">
            <Canvas />
          </section>
          <Splitter label="Resize dock" orientation="horizontal" direction={-1} {...bind('dock')} />
          <Dock tabs={dockTabs} />
        </div>
        <Splitter
          label="Resize inspector"
          orientation="vertical"
          direction={-1}
          {...bind('inspector')}
        />
        <aside className="pane pane--inspector" aria-label="Inspector">
          <h2 className="pane__title">Inspector</h2>
          <Inspector />
        </aside>
      </main>
      <ModalHost />
      <FileDropTarget />
    </div>
  );
}
