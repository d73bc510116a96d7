// New, Open, Save and Save As: the file commands of the toolbar, the menu and the shortcuts. A
// document is only replaced after the user agreed to drop unsaved changes, and a file that fails to
// open leaves the current document untouched.
import { errorMessage } from '../../../engine/errors.ts';
import { parseProjectText, serializeProject } from '../../../engine/document/parse.ts';
import { confirmModal, galleryModal, messageModal } from '../shell/modal.ts';
import { actions, getState, isDirty } from '../state/store.ts';
import { projectFiles } from './desktopFiles.ts';
import type { OpenedFile } from './files.ts';
import { recoveryStore } from './recovery.ts';
import type { Template } from './templates.ts';

/** Resolves true when there are no unsaved changes or the user agrees to discard them. */
export async function confirmDiscard(action: string): Promise<boolean> {
  if (!isDirty()) return true;
  return confirmModal({
    title: 'Discard unsaved changes?',
    message: `${getState().file.name} has changes that are not saved. ${action} anyway and lose them?`,
    confirmLabel: 'Discard changes',
  });
}

/** New: after the unsaved-changes check, shows the template gallery. */
export async function newProject(): Promise<void> {
  if (await confirmDiscard('Start a new project')) galleryModal();
}

/** Replaces the document with a fresh one from a template (the gallery's choice). */
export function createFromTemplate(t: Template): void {
  actions.load(t.create(), t.fileName, null);
  recoveryStore().clear();
}

/** Open: asks for a file and loads it; a file that does not parse is reported, not loaded. */
export async function openProject(): Promise<void> {
  if (!(await confirmDiscard('Open another project'))) return;
  let opened;
  try {
    opened = await projectFiles().open();
  } catch (e) {
    messageModal('Could not open the project', errorMessage(e));
    return;
  }
  if (opened) loadOpened(opened);
}

/** Loads a file's text as the document; a file that does not parse is reported, not loaded. */
export function loadOpened(opened: OpenedFile): void {
  try {
    const doc = parseProjectText(opened.text, { file: opened.name });
    actions.load(doc, opened.name, opened.handle);
    recoveryStore().clear();
  } catch (e) {
    messageModal(`Could not open ${opened.name}`, errorMessage(e));
  }
}

/** A file opened from outside (desktop: Open Recent, command line): asks first when there is unsaved work. */
export async function openExternal(opened: OpenedFile): Promise<void> {
  if (await confirmDiscard(`Open ${opened.name}`)) loadOpened(opened);
}

/** Save (in place when possible) or Save As; resolves true when the document was written. */
export async function saveProject(as = false): Promise<boolean> {
  const { history, file } = getState();
  const doc = history.present;
  const text = serializeProject(doc);
  try {
    const saved = as
      ? await projectFiles().saveAs(text, file.name)
      : await projectFiles().save(text, file.name, file.handle);
    if (!saved) return false;
    actions.markSaved(doc, saved.name, saved.handle);
    if (getState().history.present === doc) recoveryStore().clear();
    return true;
  } catch (e) {
    messageModal(`Could not save ${file.name}`, errorMessage(e));
    return false;
  }
}
