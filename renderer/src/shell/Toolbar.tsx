// The web app's menu bar: file commands and undo/redo (the desktop app has the same in its menu).
import { isMacPlatform } from '../keyboard/shortcuts.ts';
import { newProject, openProject, saveProject } from '../projects/projectActions.ts';
import { actions, useEditor } from '../state/store.ts';
import { ExportMenu, TransferStatus } from './ExportMenu.tsx';
import { ImportMenu } from './ImportMenu.tsx';

const mod = isMacPlatform(navigator.platform) ? '⌘' : 'Ctrl+';

/** The toolbar. */
export function Toolbar() {
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  return (
    <nav className="toolbar" aria-label="Toolbar">
      <button type="button" onClick={() => void newProject()} title={`New (${mod}N)`}>
        New
      </button>
      <button type="button" onClick={() => void openProject()} title={`Open (${mod}O)`}>
        Open
      </button>
      <button type="button" onClick={() => void saveProject(false)} title={`Save (${mod}S)`}>
        Save
      </button>
      <button
        type="button"
        onClick={() => void saveProject(true)}
        title={`Save As (Shift+${mod}S)`}
      >
        Save As
      </button>
      <ImportMenu />
      <ExportMenu />
      <span className="toolbar__gap" />
      <button
        type="button"
        disabled={!canUndo}
        onClick={() => actions.undo()}
        title={`Undo (${mod}Z)`}
      >
        Undo
      </button>
      <button
        type="button"
        disabled={!canRedo}
        onClick={() => actions.redo()}
        title={`Redo (Shift+${mod}Z)`}
      >
        Redo
      </button>
      <TransferStatus />
    </nav>
  );
}
