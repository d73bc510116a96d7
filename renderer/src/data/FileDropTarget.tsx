// Drag-and-drop of data files onto the window: while files are dragged over it an overlay says
// what a drop does; a drop imports the data files (project and model files are left alone). Also
// shows the import's progress or error in a corner when the Data tab is not open. Mount once.
import { useEffect, useState } from 'react';
import { showDockTab } from '../shell/dockState.ts';
import { createStore, useStore } from '../state/createStore.ts';
import { useDataState } from './dataStore.ts';
import './import.css';
import { cancelImport, dismissImportMessage, importFiles } from './importer.ts';

// Files another part of the app opens (projects, models, weights): never imported as data.
const NOT_DATA = /\.(loom|json|keras|h5|safetensors|bin)$/i;

/** The dropped files that may be data files. */
export function dataFilesOf(files: readonly File[]): File[] {
  return files.filter((f) => !NOT_DATA.test(f.name));
}

const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

/** Window-wide file drag state; a drop of data files calls `onFiles`. */
export function useFileDrop(onFiles: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      // Without this the browser would open the file in place of the app (losing nothing in the
      // desktop shell, which denies navigation, but leaving the web app).
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = dataFilesOf([...(e.dataTransfer?.files ?? [])]);
      if (files.length) onFiles(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onFiles]);
  return dragging;
}

/** How many Data tabs are mounted. */
const openTabs = createStore(0);

/** Marks the Data tab as open while the calling component is mounted. */
export function useDataTabPresence(): void {
  useEffect(() => {
    openTabs.set(openTabs.get() + 1);
    return () => openTabs.set(openTabs.get() - 1);
  }, []);
}

/** A drop shows the Data tab, where the import's progress and result appear. */
function importDropped(files: File[]): void {
  showDockTab('data');
  importFiles(files);
}

/** The window drop overlay, plus a corner status of imports while the Data tab is closed. */
export function FileDropTarget() {
  const dragging = useFileDrop(importDropped);
  const tabOpen = useStore(openTabs, (n) => n > 0);
  const job = useDataState((s) => s.job);
  const failure = useDataState((s) => s.failure);
  return (
    <>
      {dragging && (
        <div className="file-drop" aria-hidden="true">
          <div className="file-drop__card">
            <strong>Drop to import data</strong>
            <span>CSV, .npy, .npz or MNIST IDX files (also .gz)</span>
          </div>
        </div>
      )}
      {!tabOpen && (job || failure) && (
        <div className={`import-toast${failure ? ' import-toast--error' : ''}`} role="status">
          {job ? (
            <>
              <span>Importing {job.names.join(', ')}…</span>
              <button type="button" onClick={cancelImport}>
                Cancel
              </button>
            </>
          ) : (
            <>
              <span>
                Could not import {failure!.file}: {failure!.error.what}. See the Data tab.
              </span>
              <button type="button" onClick={dismissImportMessage}>
                Dismiss
              </button>
            </>
          )}
        </div>
      )}
    </>
  );
}
