// The title bar: app name, the toolbar, the project name, its file name and an unsaved-changes marker; it also
// keeps document.title in step ("• name — file — Layerloom").
import { useEffect } from 'react';
import { useDirty, useEditor, useProject } from '../state/store.ts';
import { Toolbar } from './Toolbar.tsx';
import { useDesktopVersion } from './useDesktopVersion.ts';

/** The window title for a project: an unsaved marker, the project name and its file. */
export function windowTitle(project: string, file: string, dirty: boolean): string {
  return `${dirty ? '• ' : ''}${project} — ${file} — Layerloom`;
}

/** The title bar. */
export function TitleBar() {
  const version = useDesktopVersion();
  const doc = useProject();
  const fileName = useEditor((s) => s.file.name);
  const dirty = useDirty();
  useEffect(() => {
    document.title = windowTitle(doc.name, fileName, dirty);
  }, [doc.name, fileName, dirty]);
  return (
    <header className="titlebar">
      <h1 className="titlebar__name">Layerloom</h1>
      <Toolbar />
      <div className="titlebar__project" aria-label="Project">
        <span className="titlebar__doc">{doc.name}</span>
        <span className="titlebar__file">{fileName}</span>
        {dirty && (
          <span className="titlebar__dirty" title="Unsaved changes" aria-label="Unsaved changes">
            •
          </span>
        )}
      </div>
      <span className="titlebar__mode">{version ? `desktop ${version}` : 'web'}</span>
    </header>
  );
}
